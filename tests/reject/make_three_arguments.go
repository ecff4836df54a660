package main

func main() {
	x := make(chan int, 1, 2)
	_ = x
}

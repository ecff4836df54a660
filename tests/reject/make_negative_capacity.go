package main

func main() {
	x := make(chan int, -1)
	_ = x
}

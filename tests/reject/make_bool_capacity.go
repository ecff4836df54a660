package main

func main() {
	x := make(chan int, true)
	_ = x
}

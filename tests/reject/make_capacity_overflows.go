package main

func main() {
	x := make(chan int, 1<<64)
	_ = x
}

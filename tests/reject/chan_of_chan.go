package main

func main() {
	a := make(chan chan int, 1)
	_ = a
}

package main

func main() {
	a := make(chan int)
	b := make(chan int)
	a, b <- 1
}

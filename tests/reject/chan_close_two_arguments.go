package main

func main() {
	a := make(chan int)
	close(a, a)
}

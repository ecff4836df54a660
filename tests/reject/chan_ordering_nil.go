package main

func main() {
	a := make(chan int, 2)
	println(a < nil)
}

package main

func main() {
	a := make(chan int)
	b := make(chan bool)
	println(a == b)
}

package main

func main() {
	a := make(chan int)
	b := make(chan int)
	println(a < b)
}

package main

func main() {
	c := make(chan int, 3)
	println(cap(c))
}

package main

func main() {
	var a [2]chan int
	_ = a
}

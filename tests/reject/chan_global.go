package main

var g chan int

func main() {
	println(g == nil)
}

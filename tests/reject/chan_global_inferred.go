package main

var g = make(chan int)

func main() {
	<-g
}

package main

func main() {
	a := make(chan int, 1)
	<-a <- 1
}

package main

func main() {
	c := make(chan int, 1)
	close(c)
	println("closed")
	c <- 1
}

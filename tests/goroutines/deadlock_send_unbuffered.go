package main

// A send on an unbuffered channel with nobody to receive it.
func main() {
	c := make(chan int)
	println("before")
	c <- 1
	println("after")
}

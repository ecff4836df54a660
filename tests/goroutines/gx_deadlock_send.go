package main

// An unbuffered send with no receiver anywhere.
func main() {
	ch := make(chan int)
	println("before")
	ch <- 1
	println("after")
}

package main

// A select that picks a send case on a closed channel panics.
func main() {
	c := make(chan int, 1)
	close(c)
	var n chan int
	select {
	case c <- 1:
		println("sent")
	case <-n:
		println("nil")
	}
}

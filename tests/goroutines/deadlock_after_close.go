package main

// Receiving drains a closed channel, but a send on another channel then blocks forever.
func main() {
	c := make(chan int, 2)
	c <- 1
	close(c)
	for v := range c {
		println(v)
	}
	d := make(chan int, 1)
	d <- 1
	d <- 2
}

package main

// A goroutine blocked in a send when main closes the channel panics when it runs again.
func send(ch chan int, started chan bool) {
	started <- true
	ch <- 1
}

func main() {
	ch := make(chan int)
	started := make(chan bool)
	go send(ch, started)
	<-started
	close(ch)
	block := make(chan bool)
	<-block
}

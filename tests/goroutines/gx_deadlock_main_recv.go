package main

// main waits on a channel nobody will ever send on, while a goroutine is also blocked.
func stuck(ch chan int) {
	ch <- 1
	ch <- 2
}

func main() {
	ch := make(chan int)
	go stuck(ch)
	println(<-ch)
	other := make(chan int)
	println(<-other)
}

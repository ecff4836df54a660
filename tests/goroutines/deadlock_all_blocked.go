package main

// Every goroutine blocked: workers wait on a channel nobody sends on, main waits on them.
func worker(in chan int, done chan bool) {
	<-in
	done <- true
}

func main() {
	in := make(chan int)
	done := make(chan bool)
	for i := 0; i < 10; i++ {
		go worker(in, done)
	}
	println("waiting")
	<-done
}

package main

import "runtime"

// A buffered channel of capacity 1 as a lock around a shared counter; each worker yields
// inside the critical section.
var counter int

func worker(lock chan bool, done chan bool, n int) {
	for i := 0; i < n; i++ {
		lock <- true
		v := counter
		runtime.Gosched()
		counter = v + 1
		<-lock
	}
	done <- true
}

func main() {
	lock := make(chan bool, 1)
	done := make(chan bool)
	const W = 8
	for i := 0; i < W; i++ {
		go worker(lock, done, 50)
	}
	for i := 0; i < W; i++ {
		<-done
	}
	println(counter)
}

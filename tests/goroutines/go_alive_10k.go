package main

import "runtime"

// Ten thousand goroutines alive at once, all parked on one channel, counted by
// runtime.NumGoroutine, then released.
func waiter(id int, gate chan bool, done chan int) {
	<-gate
	done <- id
}

func main() {
	println(runtime.NumGoroutine())
	const N = 10000
	gate := make(chan bool)
	done := make(chan int, 100)
	for i := 0; i < N; i++ {
		go waiter(i, gate, done)
	}
	println(runtime.NumGoroutine())
	close(gate)
	s := 0
	for i := 0; i < N; i++ {
		s += <-done
	}
	println(s)
}

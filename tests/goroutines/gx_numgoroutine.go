package main

import "runtime"

// NumGoroutine counts main and every goroutine not yet finished.
func park(gate chan bool, done chan bool) {
	<-gate
	done <- true
}

func main() {
	println(runtime.NumGoroutine())
	gate := make(chan bool)
	done := make(chan bool)
	for i := 0; i < 10; i++ {
		go park(gate, done)
	}
	println(runtime.NumGoroutine())
	close(gate)
	for i := 0; i < 10; i++ {
		<-done
	}
	for runtime.NumGoroutine() > 1 {
		runtime.Gosched()
	}
	println(runtime.NumGoroutine())
}

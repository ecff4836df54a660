package main

// Closing a channel wakes every receiver blocked on it with (0, false).
func waiter(gate chan int, done chan bool) {
	v, ok := <-gate
	done <- v == 0 && !ok
}

func main() {
	gate := make(chan int)
	done := make(chan bool)
	const N = 500
	for i := 0; i < N; i++ {
		go waiter(gate, done)
	}
	close(gate)
	n := 0
	for i := 0; i < N; i++ {
		if <-done {
			n++
		}
	}
	println(n)
}

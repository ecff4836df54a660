package main

// Unbounded recursion in a goroutine: Go's stack overflow, not a crash.
func forever(n int) int {
	var pad [16]int
	pad[n&15] = n
	return forever(n+1) + pad[n&15]
}

func worker(out chan int) {
	out <- forever(0)
}

func main() {
	out := make(chan int)
	go worker(out)
	println(<-out)
}

package main

// Goroutines that start goroutines: a parallel Fibonacci tree down to a cutoff.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func pfib(n int, out chan int) {
	if n < 12 {
		out <- fib(n)
		return
	}
	c := make(chan int, 2)
	go pfib(n-1, c)
	go pfib(n-2, c)
	out <- <-c + <-c
}

func main() {
	out := make(chan int)
	go pfib(20, out)
	println(<-out)
}

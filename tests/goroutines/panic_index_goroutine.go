package main

// A run-time error in a goroutine deep in its recursion.
func walk(a *[4]int, i int, depth int) int {
	if depth == 0 {
		return a[i]
	}
	return walk(a, i, depth-1) + 1
}

func worker(i int, done chan int) {
	var a [4]int
	done <- walk(&a, i, 1000)
}

func main() {
	done := make(chan int)
	go worker(2, done)
	println(<-done)
	go worker(7, done)
	println(<-done)
}

package main

// Two goroutines hand a counter back and forth 10 000 times each; the last hand-off
// goes to main.
func first(a chan int, b chan int, n int) {
	for i := 0; i < n; i++ {
		v := <-a
		b <- v + 1
	}
}

func second(b chan int, a chan int, done chan int, n int) {
	for i := 0; i < n; i++ {
		v := <-b
		if i < n-1 {
			a <- v + 1
		} else {
			done <- v + 1
		}
	}
}

func main() {
	a := make(chan int)
	b := make(chan int)
	done := make(chan int)
	go first(a, b, 10000)
	go second(b, a, done, 10000)
	a <- 0
	println(<-done)
}

package main

// 100 000 goroutines alive at once, each parked on a receive, then released one value
// at a time.
func waiter(in chan int, out chan int) {
	v := <-in
	out <- v * 2
}

func main() {
	const G = 100000
	in := make(chan int)
	out := make(chan int, 64)
	for i := 0; i < G; i++ {
		go waiter(in, out)
	}
	s := 0
	for i := 0; i < G; i++ {
		in <- i
		s += <-out
	}
	println(s)
}

package main

// A chain of 1000 goroutines, each passing a value (plus one) to the next over an
// unbuffered channel: every hand-off is a blocking send meeting a blocking receive.
func relay(in chan int, out chan int) {
	v := <-in
	out <- v + 1
}

func main() {
	first := make(chan int)
	in := first
	for i := 0; i < 1000; i++ {
		out := make(chan int)
		go relay(in, out)
		in = out
	}
	first <- 0
	println(<-in)
}

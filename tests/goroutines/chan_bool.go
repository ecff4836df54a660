package main

// Channels of bool: values, close, and the zero value after close.
func flip(in chan bool, out chan bool) {
	for b := range in {
		out <- !b
	}
	close(out)
}

func main() {
	in := make(chan bool)
	out := make(chan bool)
	go flip(in, out)
	in <- true
	println(<-out)
	in <- false
	println(<-out)
	close(in)
	v, ok := <-out
	println(v, ok)
}

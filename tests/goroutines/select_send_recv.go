package main

// A select with a send case and a receive case: a worker echoes values doubled.
func worker(in chan int, out chan int) {
	for v := range in {
		out <- 2 * v
	}
	close(out)
}

func main() {
	in := make(chan int)
	out := make(chan int)
	go worker(in, out)
	next := 0
	s := 0
	pending := 0
	for next < 100 || pending > 0 {
		send := in
		if next >= 100 {
			send = nil
		}
		select {
		case send <- next:
			next++
			pending++
		case v := <-out:
			s += v
			pending--
		}
	}
	close(in)
	_, ok := <-out
	println(s, ok)
}

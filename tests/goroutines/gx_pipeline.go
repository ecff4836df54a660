package main

// A three-stage pipeline: generate, square, filter odd; each stage closes its output.
func gen(n int, out chan int) {
	for i := 0; i < n; i++ {
		out <- i
	}
	close(out)
}

func square(in chan int, out chan int) {
	for v := range in {
		out <- v * v
	}
	close(out)
}

func odd(in chan int, out chan int) {
	for v := range in {
		if v%2 == 1 {
			out <- v
		}
	}
	close(out)
}

func main() {
	a := make(chan int)
	b := make(chan int)
	c := make(chan int)
	go gen(50, a)
	go square(a, b)
	go odd(b, c)
	s, n := 0, 0
	for v := range c {
		s += v
		n++
	}
	println(n, s)
}

package main

// Channels as parameters and locals: equality, nil, passing the same channel around.
func same(a chan int, b chan int) bool {
	return a == b
}

func forward(in chan int, out chan int, n int) {
	for i := 0; i < n; i++ {
		out <- <-in * 3
	}
}

func main() {
	a := make(chan int, 4)
	b := a
	c := make(chan int, 4)
	var d chan int
	println(same(a, b), same(a, c), d == nil, a != nil)
	go forward(a, c, 4)
	for i := 1; i <= 4; i++ {
		b <- i
	}
	s := 0
	for i := 0; i < 4; i++ {
		s += <-c
	}
	println(s)
}

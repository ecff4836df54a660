package main

import "runtime"

// Gosched lets the other goroutines run; results still come through channels.
func spin(id int, rounds int, out chan int) {
	s := 0
	for i := 0; i < rounds; i++ {
		s += id
		runtime.Gosched()
	}
	out <- s
}

func main() {
	out := make(chan int)
	for id := 1; id <= 5; id++ {
		go spin(id, 100, out)
	}
	s := 0
	for i := 0; i < 5; i++ {
		s += <-out
	}
	println(s)
}

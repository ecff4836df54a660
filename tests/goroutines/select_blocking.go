package main

import "runtime"

// A select without default blocks until another goroutine makes a case ready.
func later(c chan int, v int) {
	runtime.Gosched()
	runtime.Gosched()
	c <- v
}

func main() {
	a := make(chan int)
	b := make(chan int)
	go later(b, 7)
	select {
	case v := <-a:
		println("a", v)
	case v := <-b:
		println("b", v)
	}
	go later(a, 8)
	var x int
	select {
	case x = <-a:
	}
	println(x)
}

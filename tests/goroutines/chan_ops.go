package main

import "runtime"

// Channel operations: buffered and unbuffered sends and receives, close, comma-ok
// receives, range over a channel, nil channels compared, runtime.Gosched and
// runtime.NumGoroutine.

func producer(n int, out chan int, done chan bool) {
	for i := 0; i < n; i++ {
		out <- i * i
	}
	close(out)
	done <- true
}

func sum(in chan int, res chan int) {
	s := 0
	for v := range in {
		s += v
	}
	res <- s
}

func main() {
	b := make(chan int, 3)
	b <- 1
	b <- 2
	b <- 3
	println(<-b, <-b, <-b)
	close(b)
	v, ok := <-b
	println(v, ok)
	var c chan int
	println(c == nil, b != nil, b == b)
	c = b
	println(c == b, nil == c)

	out := make(chan int)
	done := make(chan bool, 1)
	res := make(chan int)
	go producer(10, out, done)
	go sum(out, res)
	println(<-res, <-done)

	flags := make(chan bool, 2)
	flags <- true
	flags <- false
	x, ok2 := <-flags
	var y bool
	y, ok2 = <-flags
	println(x, y, ok2)
	close(flags)
	for range flags {
		println("never")
	}
	var z bool
	for z = range flags {
		println("never", z)
	}
	unbuffered := make(chan int, 0)
	go producer(3, unbuffered, done)
	t := 0
	for {
		w, more := <-unbuffered
		if !more {
			break
		}
		t += w
	}
	println(t, <-done)
	runtime.Gosched()
	println(runtime.NumGoroutine() >= 1)
}

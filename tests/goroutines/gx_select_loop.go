package main

// A blocking select over two channels fed by two goroutines; a quit channel ends it.
func feed(ch chan int, n int, base int, done chan bool) {
	for i := 0; i < n; i++ {
		ch <- base + i
	}
	done <- true
}

func main() {
	a := make(chan int)
	b := make(chan int)
	done := make(chan bool)
	go feed(a, 100, 0, done)
	go feed(b, 50, 1000, done)
	sa, sb, finished := 0, 0, 0
	for finished < 2 {
		select {
		case v := <-a:
			sa += v
		case v := <-b:
			sb += v
		case <-done:
			finished++
		}
	}
	println(sa, sb)
}

package main

// A producer closes its channel; the consumer's range ends after draining it, and a
// receive from the closed, drained channel gives the zero value and false.
func produce(ch chan int, n int) {
	for i := 1; i <= n; i++ {
		ch <- i
	}
	close(ch)
}

func main() {
	ch := make(chan int, 3)
	go produce(ch, 10)
	s := 0
	for v := range ch {
		s += v
	}
	v, ok := <-ch
	println(s, v, ok)
	b := make(chan bool, 2)
	b <- true
	close(b)
	x, ok1 := <-b
	y, ok2 := <-b
	println(x, ok1, y, ok2)
}

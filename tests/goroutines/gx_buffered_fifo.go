package main

// A buffered channel keeps FIFO order; len and the blocking of a full buffer are
// observed only through values.
func producer(ch chan int, n int, done chan bool) {
	for i := 0; i < n; i++ {
		ch <- i * i
	}
	done <- true
}

func main() {
	ch := make(chan int, 8)
	done := make(chan bool)
	go producer(ch, 100, done)
	s := 0
	prev := -1
	ordered := true
	for i := 0; i < 100; i++ {
		v := <-ch
		if v <= prev {
			ordered = false
		}
		prev = v
		s += v
	}
	<-done
	println(s, ordered)
}

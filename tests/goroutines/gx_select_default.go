package main

// select with default: nothing ready takes default; a ready buffered channel is taken.
func main() {
	ch := make(chan int, 1)
	hits, misses := 0, 0
	for i := 0; i < 10; i++ {
		if i%3 == 0 {
			ch <- i
		}
		select {
		case v := <-ch:
			hits += v
		default:
			misses++
		}
	}
	println(hits, misses)
	full := make(chan bool, 1)
	full <- true
	select {
	case full <- false:
		println("sent")
	default:
		println("full")
	}
}

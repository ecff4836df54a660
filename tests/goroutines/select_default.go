package main

// select with default never blocks: try-send until full, try-receive until empty.
func main() {
	c := make(chan int, 3)
	sent := 0
	for i := 0; i < 10; i++ {
		select {
		case c <- i:
			sent++
		default:
		}
	}
	got := 0
	s := 0
	for i := 0; i < 10; i++ {
		select {
		case v := <-c:
			got++
			s += v
		default:
		}
	}
	println(sent, got, s)
	var n chan int
	select {
	case n <- 1:
		println("sent on nil")
	case <-n:
		println("received from nil")
	default:
		println("default")
	}
}

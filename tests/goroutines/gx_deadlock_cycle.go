package main

// Two goroutines each wait for the other; main waits for both.
func a(x chan int, y chan int, done chan bool) {
	<-x
	y <- 1
	done <- true
}

func main() {
	x := make(chan int)
	y := make(chan int)
	done := make(chan bool)
	go a(x, y, done)
	go a(y, x, done)
	<-done
	println("unreachable")
}

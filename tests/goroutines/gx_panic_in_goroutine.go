package main

// A goroutine panics (index out of range) while main is blocked: the whole program ends
// with its panic.
func bad(n int, out chan int, ack chan bool) {
	var a [4]int
	out <- 1
	<-ack
	out <- a[n]
}

func main() {
	out := make(chan int)
	ack := make(chan bool)
	go bad(7, out, ack)
	println(<-out)
	ack <- true
	println(<-out)
	println("unreachable")
}

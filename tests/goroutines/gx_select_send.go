package main

// select with send cases: a consumer takes from whichever channel the sender's select
// could send on; the totals do not depend on the choices.
func consume(a chan int, b chan int, out chan int) {
	s := 0
	for i := 0; i < 200; i++ {
		select {
		case v := <-a:
			s += v
		case v := <-b:
			s += v
		}
	}
	out <- s
}

func main() {
	a := make(chan int)
	b := make(chan int)
	out := make(chan int)
	go consume(a, b, out)
	for i := 0; i < 200; i++ {
		select {
		case a <- i:
		case b <- i:
		}
	}
	println(<-out)
}

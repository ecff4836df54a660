package main

// Nil channels in a select are never ready; disabling a case by setting its channel to
// nil after it is closed is the usual merge idiom.
func gen(n int, ch chan int) {
	for i := 0; i < n; i++ {
		ch <- i
	}
	close(ch)
}

func main() {
	a := make(chan int)
	b := make(chan int)
	go gen(30, a)
	go gen(20, b)
	s, open := 0, 2
	for open > 0 {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				open--
			} else {
				s += v
			}
		case v, ok := <-b:
			if !ok {
				b = nil
				open--
			} else {
				s += 1000 * v
			}
		}
	}
	println(s, a == nil, b == nil)
}

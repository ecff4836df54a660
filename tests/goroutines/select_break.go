package main

// break in a select case leaves the select, not the loop around it.
func main() {
	c := make(chan int, 10)
	for i := 0; i < 10; i++ {
		c <- i
	}
	close(c)
	n := 0
	s := 0
	for {
		select {
		case v, ok := <-c:
			if !ok {
				println("closed", n, s)
				return
			}
			if v%2 == 0 {
				break
			}
			n++
			s += v
		}
	}
}

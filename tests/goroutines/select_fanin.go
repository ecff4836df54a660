package main

// select over two producers until both channels are closed (a closed channel's case is
// disabled by setting it to nil).
func gen(start int, n int, c chan int) {
	for i := 0; i < n; i++ {
		c <- start + i
	}
	close(c)
}

func main() {
	a := make(chan int)
	b := make(chan int)
	go gen(0, 50, a)
	go gen(1000, 30, b)
	s := 0
	k := 0
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				break
			}
			s += v
			k++
		case v, ok := <-b:
			if !ok {
				b = nil
				break
			}
			s += v
			k++
		}
	}
	println(k, s)
}

package main

// A producer closes its channel; range over it in main ends after the last value.
func gen(n int, c chan int) {
	for i := 0; i < n; i++ {
		c <- i
	}
	close(c)
}

func main() {
	c := make(chan int, 3)
	go gen(20, c)
	s := 0
	k := 0
	for v := range c {
		s += v
		k++
	}
	v, ok := <-c
	println(k, s, v, ok)
	var x int
	for x = range c {
	}
	println(x)
}

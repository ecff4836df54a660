package main

// An unbuffered channel hands each value from a producer to main, in order.
func produce(n int, c chan int) {
	for i := 1; i <= n; i++ {
		c <- i * i
	}
}

func main() {
	c := make(chan int)
	go produce(10, c)
	s := 0
	for i := 0; i < 10; i++ {
		v := <-c
		s += v
		println(v)
	}
	println("sum", s)
}

package main

// A goroutine panics while main waits for it: the program ends with its panic.
func bad(c chan int, n int) {
	if n > 3 {
		panic(n * 10)
	}
	c <- n
}

func main() {
	c := make(chan int)
	for i := 0; i < 5; i++ {
		go bad(c, i)
	}
	s := 0
	for i := 0; i < 5; i++ {
		s += <-c
	}
	println(s)
}

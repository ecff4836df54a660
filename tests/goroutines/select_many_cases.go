package main

// A select over eight channels, only one of which is ready at a time.
func main() {
	var cs [8]int
	c0 := make(chan int, 1)
	c1 := make(chan int, 1)
	c2 := make(chan int, 1)
	c3 := make(chan int, 1)
	c4 := make(chan int, 1)
	c5 := make(chan int, 1)
	c6 := make(chan int, 1)
	c7 := make(chan int, 1)
	for i := 0; i < 80; i++ {
		switch i % 8 {
		case 0:
			c0 <- i
		case 1:
			c1 <- i
		case 2:
			c2 <- i
		case 3:
			c3 <- i
		case 4:
			c4 <- i
		case 5:
			c5 <- i
		case 6:
			c6 <- i
		default:
			c7 <- i
		}
		select {
		case v := <-c0:
			cs[0] += v
		case v := <-c1:
			cs[1] += v
		case v := <-c2:
			cs[2] += v
		case v := <-c3:
			cs[3] += v
		case v := <-c4:
			cs[4] += v
		case v := <-c5:
			cs[5] += v
		case v := <-c6:
			cs[6] += v
		case v := <-c7:
			cs[7] += v
		}
	}
	for i := 0; i < 8; i++ {
		print(cs[i], " ")
	}
	println()
}

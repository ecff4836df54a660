package main

// Receives in one expression happen left to right, with the calls.
func next(c chan int) int {
	return <-c * 10
}

func main() {
	c := make(chan int, 10)
	for i := 1; i <= 9; i++ {
		c <- i
	}
	x := <-c - <-c
	y := next(c) + <-c
	z := <-c*100 + next(c) + <-c
	println(x, y, z)
	var a [4]int
	a[<-c-8] = <-c
	println(a[0], a[1], a[2], a[3])
}

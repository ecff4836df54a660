package main

// A buffered channel keeps its values in order, filled and drained by one goroutine.
func main() {
	c := make(chan int, 5)
	for round := 0; round < 3; round++ {
		for i := 0; i < 5; i++ {
			c <- round*10 + i
		}
		for i := 0; i < 5; i++ {
			print(<-c, " ")
		}
		println()
	}
}

package main

// Goroutines that start goroutines: a binary tree of depth 10, each leaf sends 1.
func tree(depth int, out chan int) {
	if depth == 0 {
		out <- 1
		return
	}
	mine := make(chan int)
	go tree(depth-1, mine)
	go tree(depth-1, mine)
	out <- <-mine + <-mine
}

func main() {
	out := make(chan int)
	go tree(10, out)
	println(<-out)
}

package main

// Deep recursion with big frames in many goroutines at once: every stack grows far past
// its first size while the others are parked.
func deep(n int, seed int) int {
	var pad [32]int
	pad[n%32] = seed
	if n == 0 {
		return seed
	}
	r := deep(n-1, seed+1)
	return r + pad[n%32] - seed
}

func worker(id int, gate chan bool, out chan int) {
	<-gate
	out <- deep(3000+id*10, id)
}

func main() {
	gate := make(chan bool)
	out := make(chan int)
	const N = 64
	for i := 0; i < N; i++ {
		go worker(i, gate, out)
	}
	close(gate)
	s := 0
	for i := 0; i < N; i++ {
		s += <-out
	}
	println(s)
}

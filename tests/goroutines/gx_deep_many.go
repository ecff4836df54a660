package main

// 200 goroutines, each recursing 2 000 deep with a 256-byte frame (about 600 KiB of
// stack each) and parking at the bottom until all are down: every stack grows by the
// run's strategy while the others hold theirs.
func down(n int, gate chan bool) int {
	var pad [32]int
	pad[n&31] = n
	if n == 0 {
		<-gate
		return pad[0]
	}
	return (down(n-1, gate) + pad[n&31]) % 1000003
}

func worker(id int, gate chan bool, out chan int) {
	out <- down(2000, gate) + id
}

func main() {
	gate := make(chan bool)
	out := make(chan int)
	for i := 0; i < 200; i++ {
		go worker(i, gate, out)
	}
	close(gate)
	s := 0
	for i := 0; i < 200; i++ {
		s += <-out
	}
	println(s)
}

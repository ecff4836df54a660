package main

// Ten workers send their partial sums into one channel; main adds them up.
func work(id int, out chan int) {
	s := 0
	for i := 0; i < 1000; i++ {
		s += (i * id) % 7
	}
	out <- s
}

func main() {
	out := make(chan int)
	for id := 0; id < 10; id++ {
		go work(id, out)
	}
	total := 0
	for i := 0; i < 10; i++ {
		total += <-out
	}
	println(total)
}

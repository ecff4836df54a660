package main

// Workers finish and exit; main then waits for one result too many.
func work(id int, out chan int) {
	out <- id * id
}

func main() {
	out := make(chan int)
	for i := 0; i < 5; i++ {
		go work(i, out)
	}
	s := 0
	for i := 0; i < 6; i++ {
		s += <-out
		println("got", i)
	}
	println(s)
}

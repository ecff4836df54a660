package main

// A token passed around a ring of goroutines, incremented by each.
func node(in chan int, out chan int) {
	for v := range in {
		out <- v + 1
	}
	close(out)
}

func main() {
	const N = 100
	first := make(chan int)
	in := first
	for i := 0; i < N; i++ {
		out := make(chan int)
		go node(in, out)
		in = out
	}
	for lap := 0; lap < 5; lap++ {
		first <- lap * 1000
		println(<-in)
	}
	close(first)
	_, ok := <-in
	println(ok)
}

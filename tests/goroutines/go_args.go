package main

// A go statement evaluates its function's arguments (arrays copied) in the calling
// goroutine, at the statement; the results of the function are discarded.

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func worker(id int, a [3]int, flag bool, out chan int) {
	out <- id*100 + a[0] + a[1] + a[2] + b2i(flag)
}

func compute(n int, out chan int) int {
	out <- n * 2
	return n
}

func pair() (int, bool) {
	return 7, true
}

func both(n int, f bool) {
}

func main() {
	out := make(chan int)
	a := [3]int{1, 2, 3}
	x := 10
	go worker(x, a, true, out)
	x = 20
	a[0] = 100
	println(<-out)
	res := make(chan int, 5)
	for i := 0; i < 5; i++ {
		go worker(i, a, i%2 == 0, res)
	}
	s := 0
	for i := 0; i < 5; i++ {
		s += <-res
	}
	println(s)
	go compute(21, out)
	println(<-out)
	go both(pair())
	println(x)
}

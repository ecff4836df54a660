package main

import "runtime"

// Each goroutine passes pointers into its own stack down a deep recursion and uses them
// after yielding and after the calls return, while the other goroutines run and grow:
// under copying the stacks move under the pointers.
func fill(a *[16]int, p *int, n int) int {
	var local [8]int
	local[n&7] = n
	*p += n
	a[n&15] += local[n&7]
	if n%97 == 0 {
		runtime.Gosched()
	}
	if n == 0 {
		return *p
	}
	r := fill(a, p, n-1)
	return (r + a[n&15] + local[n&7]) % 1000003
}

func worker(id int, out chan int) {
	var a [16]int
	x := id
	r := fill(&a, &x, 1500)
	s := 0
	for i := 0; i < 16; i++ {
		s += a[i]
	}
	out <- r + s + x
}

func main() {
	out := make(chan int)
	for i := 0; i < 20; i++ {
		go worker(i, out)
	}
	s := 0
	for i := 0; i < 20; i++ {
		s += <-out
	}
	println(s)
}

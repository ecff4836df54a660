package main

import "runtime"

// Each goroutine keeps pointers into its own stack across deep recursion (which grows
// and moves a copying stack) and across switches to the other goroutines, which do the
// same.
func fill(p *[16]int, q *int, depth int, id int) int {
	if depth == 0 {
		runtime.Gosched()
		for i := 0; i < 16; i++ {
			p[i] += id
		}
		*q += 1
		return p[5]
	}
	var local [8]int
	local[depth%8] = depth
	r := fill(p, q, depth-1, id)
	if depth%500 == 0 {
		runtime.Gosched()
	}
	return r + local[depth%8] - depth
}

func worker(id int, out chan int) {
	var a [16]int
	count := 0
	for i := 0; i < 16; i++ {
		a[i] = i
	}
	p := &a
	q := &count
	r := 0
	for round := 0; round < 3; round++ {
		r += fill(p, q, 1000+id*37, id)
	}
	out <- r + a[15] + count
}

func main() {
	out := make(chan int)
	const N = 20
	for i := 0; i < N; i++ {
		go worker(i, out)
	}
	s := 0
	for i := 0; i < N; i++ {
		s += <-out
	}
	println(s)
}

package main

// hot_split.go of ../shared/bench with D = 150: on 8 KiB segments the loop in descend(0)
// then calls leaf across a segment boundary on every iteration (found with --stats).

const D = 150
const Calls = 40000000

func leaf(x int) int {
	var a [64]int
	a[x&63] = x
	a[(x>>3)&63] += 1
	return a[x&63] + a[(x*7)&63]
}

func descend(d int, n int) int {
	if d == 0 {
		s := 0
		for i := 0; i < n; i++ {
			s += leaf(i)
		}
		return s % 1000003
	}
	return (descend(d-1, n) + d) % 1000003
}

func main() {
	println(descend(D, Calls))
}

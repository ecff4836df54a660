package main

const MaxD = 40
const Calls = 300

func leaf(x int) int {
	var a [64]int
	a[x&63] = x
	a[(x>>3)&63] += 1
	return a[x&63] + a[(x*7)&63]
}

func descend(d int, n int) int {
	var pad [32]int
	pad[d&31] = d
	if d == 0 {
		s := 0
		for i := 0; i < n; i++ {
			s += leaf(i)
		}
		return s % 1000003
	}
	return (descend(d-1, n) + pad[d&31] + pad[(d*5)&31]) % 1000003
}

func main() {
	s := 0
	for d := 0; d <= MaxD; d++ {
		s += descend(d, Calls)
	}
	println(s)
}

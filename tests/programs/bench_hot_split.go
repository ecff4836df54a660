package main

const D = 50
const Calls = 20000

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

package main

// A call with several results assigned to indexed left sides: the call runs first (and
// may grow and move the stack), then each store is checked and done, left to right.

func deep(n int) int {
	if n == 0 {
		return 0
	}
	var pad [16]int
	pad[n&15] = n
	return deep(n-1) + pad[n&15]
}

func two(n int) (int, int) {
	println("two runs", n)
	return deep(n), n
}

func main() {
	var a [4]int
	var g [3][3]int
	i, j := 1, 2
	a[i], g[j][i] = two(300)
	println(a[1], g[2][1])
	p := &a
	p[j], i = two(5)
	println(a[2], i)
	k := 7
	a[0], a[k] = two(10)
	println(a[0])
}

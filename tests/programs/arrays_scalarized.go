package main

// Local arrays indexed only by constants are kept in registers (each touched element an
// SSA variable); any other use keeps them in memory. Both must behave alike.

var sink int

func side(x int) int {
	sink += x
	return x
}

func consts(n int) int {
	var a [8]int
	a[0] = n
	a[7] = n * 2
	a[3] += a[0] + a[7]
	b := [3]bool{true, false, n > 2}
	var g [3][4]int
	g[1][2] = a[3]
	g[2][3] = g[1][2] + 1
	h := [2][2]int{{side(1), side(2)}, {side(3), n}}
	h = [2][2]int{{h[1][1], h[1][0]}, {h[0][1], h[0][0]}}
	s := 0
	if b[2] {
		s += 1000
	}
	if b[1] {
		s += 2000
	}
	return s + a[0] + a[3] + a[7] + a[5] + g[1][2] + g[2][3] + g[0][0] + h[0][0]*10 + h[1][1]
}

func loopZero(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		var t [4]int
		t[1] += i
		t[2] = t[1] * t[1]
		s += t[0] + t[2]
		t[0] = 99
	}
	return s
}

func huge(n int) int {
	if n == 0 {
		return 1
	}
	var big [2000]int
	big[1999] = huge(n - 1)
	big[1000] = n
	return big[1999] + big[1000] + big[0]
}

func literalOrder(n int) int {
	a := [4]int{side(n), side(n + 1), 3, side(n + 2)}
	return a[3] - a[0]
}

func mixed(i int) int {
	var a [4]int
	a[1] = 5
	a[i] = 7
	return a[1] + a[2]
}

func whole(n int) int {
	var a [3]int
	a[0] = n
	b := a
	b[1] = 1
	return b[0] + b[1] + a[1]
}

func compared(n int) bool {
	var a, b [2]int
	a[0] = n
	b[0] = 3
	return a == b
}

func boolsOnly(n int) int {
	var f [64]bool
	f[0] = n&1 == 1
	f[63] = !f[0]
	f[10] = f[0] != f[63]
	r := 0
	if f[0] {
		r++
	}
	if f[63] {
		r += 2
	}
	if f[10] {
		r += 4
	}
	if f[20] {
		r += 8
	}
	return r
}

func swapped(x, y int) int {
	a := [2]int{x, y}
	a[0], a[1] = a[1], a[0]
	return a[0]*10 + a[1]
}

func three(n int) [3]int {
	return [3]int{n, n * n, n * n * n}
}

func pairAndCount(n int) ([2]bool, int, [4]int) {
	var b [2]bool
	b[n&1] = true
	return b, n * 10, [4]int{n, n + 1, n + 2, n + 3}
}

func copies(n int) int {
	var src [5]int
	for i := range src {
		src[i] = n + i
	}
	a := src
	src[1] = -100
	b := three(n)
	f, k, g := pairAndCount(n)
	grid := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	row := grid[n&1]
	grid[1][2] = 60
	p := &src
	c := *p
	s := a[1]*10000 + b[2]*100 + k + g[3] + row[2]*1000 + c[1] + grid[1][2]
	if f[1] {
		s = -s
	}
	return s
}

func main() {
	println(consts(1), consts(5))
	println(sink)
	println(loopZero(5))
	println(huge(20))
	println(literalOrder(10), sink)
	println(mixed(1), mixed(2), mixed(0))
	println(whole(4))
	println(compared(3), compared(4))
	println(boolsOnly(1), boolsOnly(2))
	println(swapped(3, 4))
	println(copies(2), copies(3))
}

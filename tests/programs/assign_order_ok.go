package main

// The two phases when nothing panics: left operands are evaluated before any store, so
// a swap through indices and pointers sees the old values.

func main() {
	var a [4]int
	a[0], a[1], a[2], a[3] = 10, 11, 12, 13
	i := 1
	i, a[i] = 2, 99
	println(i, a[1], a[2])
	x, y := 1, 2
	p := &x
	q := &y
	p, *p = q, 7
	println(x, y, *p)
	a[a[0]&3], a[0] = a[0]+1, 40
	println(a[0], a[1], a[2], a[3])
	var g [2][3]int
	r, c := 1, 2
	g[r][c], r, c = 5, 0, 0
	println(g[1][2], r, c)
	// Multiple left sides, the second out of range: the first store happens, then the
	// panic of the second's check.
	k := 3
	a[0], a[k+1] = 1, 2
	println(a[0])
}

package main

// Bool arrays and bools as parameters (in registers and on the stack, by hidden
// pointer to a copy) and results (in registers, and in a result area mixing arrays and
// scalars), multiple assignment from calls, forwarding with return f().

func mix(a [3]bool, n int, b [7]bool, c bool, d [17]bool, m int, e [1]bool, f bool, g [31]bool) int {
	h := n*10 + m
	for i, v := range a {
		if v {
			h = h*3 + i
		}
	}
	for i, v := range b {
		if v {
			h = h*5 + i
		}
	}
	if c {
		h++
	}
	for i, v := range d {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	if e[0] {
		h += 2
	}
	if f {
		h += 4
	}
	for i, v := range g {
		if v {
			h = (h*11 + i) % 1000003
		}
	}
	a[0] = !a[0]
	b[6] = true
	d[16] = !d[16]
	return h
}

func many(k int) ([3]bool, bool, int, [7]bool, bool) {
	var a [3]bool
	var b [7]bool
	a[k%3] = true
	b[k%7] = true
	return a, k%2 == 0, k * 10, b, k > 3
}

func forward(k int) ([3]bool, bool, int, [7]bool, bool) {
	return many(k + 1)
}

func bools(x int) (bool, bool, bool, bool) {
	return x > 0, x < 0, x == 0, x%2 == 0
}

func five(x int) (bool, bool, bool, bool, bool) {
	return x&1 != 0, x&2 != 0, x&4 != 0, x&8 != 0, x&16 != 0
}

func swap(a, b [5]bool) ([5]bool, [5]bool) {
	return b, a
}

func not(a [9]bool) [9]bool {
	for i := range a {
		a[i] = !a[i]
	}
	return a
}

func main() {
	a := [3]bool{true, false, true}
	b := [7]bool{false, true, true, false, false, true, false}
	var d [17]bool
	for i := 0; i < 17; i += 4 {
		d[i] = true
	}
	var g [31]bool
	for i := 0; i < 31; i += 5 {
		g[i] = true
	}
	println(mix(a, 3, b, true, d, 4, [1]bool{true}, false, g))
	// The callee changed its copies only.
	println(a[0], b[6], d[16])

	for k := 0; k < 5; k++ {
		x, p, n, y, q := many(k)
		println(x[0], x[1], x[2], p, n, y[0], y[k%7], y[6], q)
	}
	x, p, n, y, q := forward(5)
	println(x == [3]bool{true}, p, n, y == [7]bool{6: true}, q)

	s, t, u, v := bools(4)
	println(s, t, u, v)
	s, t, u, v = bools(-3)
	println(s, t, u, v)
	f1, f2, f3, f4, f5 := five(21)
	println(f1, f2, f3, f4, f5)

	l := [5]bool{true, true}
	r := [5]bool{4: true}
	l, r = swap(l, r)
	println(l[0], l[4], r[0], r[4])
	l, r = r, l
	println(l[0], l[4], r[0], r[4], l == r)

	w := [9]bool{0: true, 8: true}
	nw := not(w)
	println(nw[0], nw[1], nw[8], not(nw) == w, nw == w)
}

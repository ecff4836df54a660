package main

// Constant propagation of locals (src/codegen/constprop.rs): reads of int and bool locals
// whose value is a known constant on every path become constants, so local arrays indexed
// through them are replaced by scalars. Every case below has a path where a naive
// propagation would be wrong: a loop's back edge, an if arm that changes the local, a
// switch, a break out of a loop, an address-taken local written through a pointer, a
// multi-result call, a swap, wrapping arithmetic and shifts by 64 or more.

func two(a int) (int, int) {
	return a + 1, a * 2
}

func main() {
	var g [3][7]int
	i, j := 2, 6
	g[i][j] = 1
	j--
	g[i][j] = g[i][j+1] + 1
	println(g[2][6], g[2][5], i, j)

	// Assigned in a loop: unknown inside and after it.
	var a [8]int
	x := 1
	for k := 0; k < 3; k++ {
		a[x] = k + 10
		x++
	}
	println(x, a[1], a[2], a[3], a[4])

	// Joined at an if: known only where both arms agree.
	y := 2
	c := x > 3
	if c {
		y = 5
	}
	a[y] = 7
	z := 4
	if c {
		z = 6
	} else {
		z = 6
	}
	a[z] = 8
	println(y, z, a[2], a[5], a[6])

	// A switch forgets what its cases assign.
	w := 1
	switch x {
	case 4:
		w = 3
	case 5:
		w = 0
	}
	a[w]++
	println(w, a[3])

	// A break carries the value from inside the loop.
	v := 0
	for {
		v = 5
		if a[3] > 0 {
			break
		}
		v = 6
	}
	println(v, a[v])

	// Continue skips the rest of the body.
	u := 0
	for k := 0; k < 4; k++ {
		u = 1
		if k%2 == 0 {
			continue
		}
		u = 2
	}
	println(u)

	// An address-taken local is never propagated.
	p0 := 1
	p := &p0
	*p = 3
	println(p0, a[p0])

	// Multi-result calls and swaps.
	m, n := 1, 2
	m, n = n, m
	println(m, n, a[m], a[n])
	m, n = two(m)
	println(m, n)

	// Wrapping arithmetic, shifts by 64 or more, bools.
	big := 9223372036854775807
	big++
	s := 70
	neg := -8
	b := true
	b = !b
	println(big, 1<<s, neg>>s, neg<<3, b, b || true)
	q := 7
	q /= 2
	q %= 3
	q <<= 4
	q &^= 16
	println(q)

	// Redeclared in a loop body: zero at every iteration.
	for k := 0; k < 3; k++ {
		var r int
		r += k
		print(r, " ")
	}
	println()

	// A constant out-of-range index found by propagation is the run-time panic.
	idx := 2
	idx++
	var t [3]int
	t[0] = 1
	t[idx] = 2
	println(t[0])
}

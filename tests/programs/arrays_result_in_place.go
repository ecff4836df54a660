package main

// Array results live in the caller's result area: named results are built there,
// `return x` copies straight into it, `x = f()` and `return f()` hand the destination to
// the callee. Every case where the destination is also read must still see Go's values.

func named(n int) (m [4]int) {
	for i := range m {
		m[i] = n * (i + 1)
	}
	return
}

func namedExplicit(n int) (m [4]int) {
	m[1] = n
	return m
}

func swap(a0, b0 [3]int) (a, b [3]int) {
	a, b = a0, b0
	a[0] += 100
	return b, a
}

func selfSwap() (a, b [2]int) {
	a = [2]int{1, 2}
	b = [2]int{3, 4}
	return b, a
}

func litFromResult() (m [3]int) {
	m = [3]int{1, 2, 3}
	return [3]int{m[2], m[1], m[0]}
}

func litFromResultPtr() (m [3]int) {
	m = [3]int{4, 5, 6}
	p := &m
	return [3]int{p[2], p[0], p[1]}
}

func addrOfResult(k int) (m [5]int) {
	p := &m
	for i := 0; i < len(p); i++ {
		p[i] = k + i
	}
	q := &m[2]
	*q = -1
	return
}

func twoFromOne(n int) (x [2]int, y int, z [2]bool) {
	x[0], x[1] = n, n+1
	y = n * 10
	z[n%2] = true
	return
}

func passThrough(n int) ([2]int, int, [2]bool) {
	return twoFromOne(n + 1)
}

func passThroughNamed(n int) (x [2]int, y int, z [2]bool) {
	x[0] = 99
	return twoFromOne(x[0] + n)
}

func passThroughSwapped(n int) (x [2]int, y int, z [2]bool) {
	a, b, c := twoFromOne(n)
	x, y, z = a, b, c
	return
}

func inc(a [4]int) [4]int {
	for i := range a {
		a[i]++
	}
	return a
}

func incNamed(a [4]int) (r [4]int) {
	r = inc(a)
	r = inc(r)
	return inc(r)
}

func build(n int) (r [6]int) {
	if n == 0 {
		r[0] = 1
		return
	}
	r = build(n - 1)
	for i := len(r) - 1; i > 0; i-- {
		r[i] += r[i-1]
	}
	return
}

func param(a [3]int) [3]int {
	a[1] = 7
	return a
}

func bools(n int) (b [3]bool) {
	b[n%3] = true
	return
}

func bigBools(n int) [13]bool {
	var b [13]bool
	for i := 0; i < len(b); i += n {
		b[i] = true
	}
	return b
}

func count(b [13]bool) int {
	c := 0
	for _, v := range b {
		if v {
			c++
		}
	}
	return c
}

func grid(n int) (g [3][3]int) {
	g = [3][3]int{{n, 0, 0}, {0, n, 0}, g[0]}
	g[2] = [3]int{g[0][0], g[1][1], n}
	return
}

func sum4(a [4]int) int {
	return a[0] + a[1] + a[2] + a[3]
}

func main() {
	x := named(3)
	println(x[0], x[1], x[2], x[3])
	x = namedExplicit(8)
	println(x[0], x[1], x[2], x[3])
	a, b := swap([3]int{1, 2, 3}, [3]int{4, 5, 6})
	println(a[0], a[1], a[2], b[0], b[1], b[2])
	c, d := selfSwap()
	println(c[0], c[1], d[0], d[1])
	e := litFromResult()
	println(e[0], e[1], e[2])
	e = litFromResultPtr()
	println(e[0], e[1], e[2])
	f := addrOfResult(10)
	println(f[0], f[1], f[2], f[3], f[4])
	p, q, r := passThrough(4)
	println(p[0], p[1], q, r[0], r[1])
	p, q, r = passThroughNamed(2)
	println(p[0], p[1], q, r[0], r[1])
	p, q, r = passThroughSwapped(7)
	println(p[0], p[1], q, r[0], r[1])
	y := [4]int{1, 2, 3, 4}
	y = inc(y)
	println(y[0], y[1], y[2], y[3])
	y = incNamed(y)
	println(y[0], y[1], y[2], y[3])
	z := build(5)
	println(z[0], z[1], z[2], z[3], z[4], z[5])
	w := [3]int{1, 2, 3}
	w = param(w)
	println(w[0], w[1], w[2])
	v := param([3]int{9, 9, 9})
	println(v[0], v[1], v[2], w == param(w))
	for i := 0; i < 4; i++ {
		bb := bools(i)
		println(bb[0], bb[1], bb[2])
	}
	println(count(bigBools(1)), count(bigBools(2)), count(bigBools(5)))
	g := grid(4)
	println(g[0][0], g[1][1], g[2][0], g[2][1], g[2][2])
	println(sum4(inc(inc(y))), sum4(named(2)))
	// The destination of `x = f()` is read by the argument: the argument is a copy.
	y = inc(y)
	println(y[0], y[3])
	ptr := &y
	y = [4]int{ptr[3], ptr[2], ptr[1], ptr[0]}
	println(y[0], y[1], y[2], y[3])
	y = [4]int{y[1], y[0], 5, y[2]}
	println(y[0], y[1], y[2], y[3])
}

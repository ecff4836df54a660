package main

// A function whose array results live in its result area passes a pointer into that area
// down: a callee must not build its own results there (it would read the zeroed or
// half-written area through the pointer), whether it returns one result or several.

func inner(p *[3]int) (r [3]int) {
	r[0] = p[0] + 1
	r[1] = p[1] + 1
	r[2] = p[2] + 1
	return
}

func outer() (m [3]int) {
	m = [3]int{1, 2, 3}
	return inner(&m)
}

func inner2(p *[3]int) (r [3]int, k int) {
	r[0] = p[0] * 10
	r[1] = p[1] * 10
	r[2] = p[0] + p[1]
	k = p[2]
	return
}

func outer2() (m [3]int, k int) {
	m = [3]int{4, 5, 6}
	return inner2(&m)
}

func outer3() (m [3]int) {
	m = [3]int{7, 8, 9}
	q := &m
	m = inner(q)
	return
}

func outer4() (m [3]int) {
	m = [3]int{7, 8, 9}
	p := &m
	return [3]int{p[2], p[1], p[0]}
}

func main() {
	a := outer()
	println(a[0], a[1], a[2])
	b, k := outer2()
	println(b[0], b[1], b[2], k)
	c := outer3()
	println(c[0], c[1], c[2])
	d := outer4()
	println(d[0], d[1], d[2])
	var e [3]int
	e = outer()
	println(e[0], e[1], e[2])
}

package main

// Loops whose condition is tested before the first iteration and again at the end of
// each (rotated): zero, one and many iterations, `continue` and `break`, conditions that
// read memory the body changes (arrays, pointers, globals changed by calls), `&&`, `||`,
// `!`, nested loops, and conditions with calls (not rotated).

var g int

func bump() {
	g++
}

func less(a int, b int) bool {
	return a < b
}

func main() {
	n := 0
	for i := 0; i < 0; i++ {
		n++
	}
	for i := 0; i < 1; i++ {
		n += 10
	}
	for i := 5; i > 0; i-- {
		n += i
	}
	println(n)

	s := 0
	for i := 0; i < 20; i++ {
		if i%3 == 0 {
			continue
		}
		if i == 17 {
			break
		}
		s += i
	}
	println(s)

	var a [10]int
	k := 0
	for a[k] < 5 {
		a[k]++
		if a[k] == 5 && k < 9 {
			k++
		}
	}
	println(k, a[0], a[9])

	x := 3
	p := &x
	for *p < 100 {
		*p = *p * 2
	}
	println(x)

	for g < 7 {
		bump()
	}
	println(g)

	done := false
	m := 0
	for !done {
		m++
		done = m >= 4
	}
	println(m)

	i, j := 0, 100
	for i < 50 && j > 60 || i == 0 {
		i += 3
		j -= 2
	}
	println(i, j)

	t := 0
	for i := 0; i < 6; i++ {
		for j := i; j < 6; j += 2 {
			t += i * j
		}
	}
	println(t)

	c := 0
	for less(c, 9) {
		c += 2
	}
	println(c)

	var b [8]bool
	b[5] = true
	q := 0
	for !b[q] {
		q++
	}
	println(q)

	for {
		q--
		if q < 0 {
			break
		}
	}
	println(q)
}

package main

// Repeated dereferences of the same pointers across branches, loops and switches
// (the compiler may drop repeated nil checks; the values must not change).

func bump(p *int, q *int, n int) int {
	*p += n
	if n > 2 {
		*q += *p
	} else {
		*q -= 1
	}
	s := 0
	for i := 0; i < n; i++ {
		*p += i
		s += *p + *q
		if *p > 100 && *q > 0 {
			s -= *q
		}
	}
	switch {
	case n == 1:
		s += *p
	case *q > 5:
		s += *q
	default:
		s -= *p
	}
	return s + *p*1000 + *q
}

func swap(p *int, q *int) int {
	*p += 1
	*q += 2
	p, q = q, p
	*p *= 10
	return *p - *q
}

func arr(a *[4]int, n int) int {
	a[n&3] = n
	s := 0
	for i := 0; i < 4; i++ {
		s += a[i]
	}
	b := a
	b[0] += 5
	return s + a[0]
}

func main() {
	x, y := 3, 4
	println(bump(&x, &y, 5), x, y)
	println(bump(&x, &y, 1), x, y)
	println(bump(&y, &x, 0), x, y)
	println(swap(&x, &y), x, y)
	var a [4]int
	println(arr(&a, 6), arr(&a, 9), a[0], a[1], a[2], a[3])
}

package main

// Loops whose body ends in an `if` (then a few assignments): each arm ends in its own
// copy of those assignments, the post statement and the test. Arms that `continue`,
// `break` or `return`, `else if` chains, an `if` without `else`, a counter whose range
// drops bounds checks, nil checks in one arm, loops without a condition, nested loops.

var hits [8]int

func collatz(n int) int {
	s := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		s++
	}
	return s
}

func classify(n int) int {
	a, b, c, d := 0, 0, 0, 0
	for i := 0; i < n; i++ {
		if i%15 == 0 {
			a++
		} else if i%5 == 0 {
			b++
		} else if i%3 == 0 {
			c++
			continue
		} else {
			d += i
		}
		d++
	}
	return a*1000000 + b*10000 + c*100 + d
}

func find(a *[8]int, x int) int {
	i := 0
	for i < 8 {
		if a[i] == x {
			return i
		}
		i++
	}
	return -1
}

func sieve(n int) int {
	var composite [4096]bool
	count := 0
	for i := 2; i < n; i++ {
		if !composite[i] {
			count++
			for j := i * i; j < n; j += i {
				composite[j] = true
			}
		}
	}
	return count
}

func counters() int {
	s := 0
	for i := 0; i < 8; i++ {
		if i > 5 {
			hits[i] += 2
		} else {
			hits[i]++
		}
		s += hits[i]
	}
	return s
}

func pointers(p *[8]int, q *[8]int) int {
	s := 0
	k := 0
	for k < 20 {
		if k%2 == 0 {
			s += p[k%8]
		} else {
			s -= q[k%8]
			if k == 13 {
				break
			}
		}
		k += 1
		s *= 3
	}
	return s + k
}

func forever() int {
	n := 0
	for {
		if n > 40 {
			break
		} else {
			n += 7
		}
		n++
	}
	return n
}

func main() {
	println(collatz(27), collatz(97), collatz(1))
	println(classify(0), classify(1), classify(100))
	var a [8]int
	for i := range a {
		a[i] = i * i
	}
	println(find(&a, 25), find(&a, 26), find(&a, 0))
	println(sieve(4096), sieve(3), sieve(100))
	println(counters(), counters())
	println(pointers(&a, &a))
	println(forever())
	t := 0
	for i := 0; i < 5; i++ {
		for j := 0; j < 5; j++ {
			if (i+j)%2 == 0 {
				t += i
			} else {
				t -= j
			}
		}
		if t > 3 {
			t -= 3
		}
	}
	println(t)
	var p *[8]int
	println(pointers(&a, p))
}

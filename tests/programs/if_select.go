package main

// `if`s whose arms only assign register locals are lowered without a branch: both arms
// are computed and a conditional move keeps one. What must not change: the order of
// assignments inside an arm, Go's two phases of `a, b = b, a`, the values of divisions
// and shifts by constants (also on the path where Go would not compute them: nothing
// may panic there), and `if`s that must stay branches (a division or shift by a
// variable, a call, a load) must not panic on the path Go does not take.

var g int

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

func longest(n int) (int, int) {
	best, arg := 0, 0
	for i := 1; i < n; i++ {
		s := collatz(i)
		if s > best {
			best, arg = s, i
		}
	}
	return best, arg
}

func clamp(x, lo, hi int) int {
	if x < lo {
		x = lo
	}
	if x > hi {
		x = hi
	}
	return x
}

func sequential(x int, c bool) (int, int) {
	a, b := x, 0
	if c {
		a = a + 1
		b = a
	} else {
		b = a
	}
	return a, b
}

func overflow(x int, c bool) int {
	if c {
		x = x / -1
	} else {
		x = x << 65
	}
	return x
}

func swap(a, b int, c bool) (int, int) {
	if c {
		a, b = b, a
	}
	return a, b
}

func consts(x int, k int) int {
	r := 0
	if k > 0 {
		r = x / 7
	} else {
		r = x % -3
	}
	return r
}

func flags(x int) (bool, bool) {
	even, big := false, false
	if x%2 == 0 {
		even = true
	} else {
		big = x > 100
	}
	return even, big
}

func either(x int) bool {
	big := false
	if x%2 != 0 {
		big = x > 100 || x < -100
	}
	return big
}

func guarded(x, d int) int {
	q := 0
	if d != 0 {
		q = x / d
	}
	s := 0
	if d >= 0 {
		s = 1 << d
	}
	return q + s
}

func counted(n int) int {
	if n > 10 {
		g++
		n = n - 10
	}
	return n
}

func inc(x int) int { return x + 1 }

func called(x int) int {
	if x > 0 {
		x = inc(x)
	}
	return x
}

var xs = [6]int{-9223372036854775807 - 1, -103, -1, 0, 7, 9223372036854775807}

func main() {
	println(longest(10000))
	for i := 0; i < len(xs); i++ {
		x := xs[i]
		c := i%2 == 0
		a, b := sequential(x, c)
		s, t := swap(x, i, c)
		e, f := flags(x)
		println(x, clamp(x, -5, 10), a, b, overflow(x, c), overflow(x, !c), s, t)
		println(consts(x, i-2), e, f, either(x), guarded(x, i-3), counted(x), called(x))
	}
	println(g)
}

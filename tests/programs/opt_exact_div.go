package main

// Division by a power of two after a test showed the dividend to be a multiple of it
// (`if x%4 == 0 { x / 4 }`): an exact quotient, a plain arithmetic shift. Negative and
// edge dividends, larger divisors than the test proved, a fact invalidated by an
// assignment, the `else` of a `!=` test, `else if` chains and loops.

const MinInt = -1 << 63
const MaxInt = 1<<63 - 1

func f(x int) int {
	s := 0
	if x%4 == 0 {
		s += x/4 + x/2 + x/8*1000
		y := x
		x = x + 2
		s += x/4*7 + y/4*11
	} else if 0 == x%2 {
		s += x/2 - x/4
	} else {
		s += x / 2
	}
	if x%-8 != 0 {
		s -= x / 8
	} else {
		s += x/8 + x/16
	}
	return s
}

func halve(n int) int {
	c := 0
	for n != 0 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = n/2 - 1
		}
		c++
		if c > 200 {
			break
		}
	}
	return c
}

func main() {
	xs := [...]int{0, 1, 2, 3, 4, 6, 8, 12, 16, 24, -1, -2, -3, -4, -6, -8, -12, -16, -24, MinInt, MinInt + 1, MinInt + 2, MaxInt, MaxInt - 1, MaxInt - 3, 1 << 62, -1 << 62}
	for _, x := range xs {
		println(x, f(x), halve(x))
	}
	n := -96
	for n%2 == 0 {
		n /= 2
	}
	println(n)
}

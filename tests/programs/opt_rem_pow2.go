package main

// Remainders and quotients by powers of two: `x%c == 0` (and `!=`, either side, with
// negative divisors and MinInt) as a test of the low bits, and `/` and `%` of operands
// known to be non-negative as shifts and masks. Every sign and edge value.

const MinInt = -1 << 63
const MaxInt = 1<<63 - 1

func tests(x int) int {
	s := 0
	if x%2 == 0 {
		s += 1
	}
	if x%2 != 0 {
		s += 2
	}
	if 0 == x%4 {
		s += 4
	}
	if 0 != x%8 {
		s += 8
	}
	if x%-16 == 0 {
		s += 16
	}
	if x%MinInt == 0 {
		s += 32
	}
	if x%1 == 0 {
		s += 64
	}
	if x%-1 != 0 {
		s += 128
	}
	b := x%32 == 0
	c := x%64 != 0
	if b {
		s += 256
	}
	if c {
		s += 512
	}
	if !(x%2 == 0) {
		s += 1024
	}
	if x%3 == 0 {
		s += 2048
	}
	if (x+1)%2 == 0 && x%4 != 0 {
		s += 4096
	}
	return s
}

func steps(n int) int {
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

func nonneg(x int) int {
	m := x & 1023
	s := m/4 + m%4*1000 + m/1024 + m%1024*7
	for i := 0; i < 100; i++ {
		s += i/8 + i%16 + (i>>1)%2
	}
	return s
}

func main() {
	xs := [...]int{0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 65, 96, 100, 1024, -1, -2, -3, -4, -7, -8, -16, -31, -32, -64, -65, -96, MinInt, MinInt + 1, MaxInt, MaxInt - 1, 1 << 62, -1 << 62}
	for _, x := range xs {
		println(x, tests(x), x/2, x%2, x/8, x%8, x/-4, x%-4, nonneg(x))
	}
	best, arg := 0, 0
	for i := 1; i < 3000; i++ {
		if s := steps(i); s > best {
			best, arg = s, i
		}
	}
	println(best, arg)
}

package main

func popcount(x int) int {
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

func reverse(x int) int {
	r := 0
	for i := 0; i < 64; i++ {
		r = r<<1 | x&1
		x >>= 1
	}
	return r
}

func lowbit(x int) int {
	return x & -x
}

func main() {
	println(popcount(0), popcount(255), popcount(-1), popcount(-9223372036854775807-1))
	println(reverse(1), reverse(6), reverse(-1))
	println(lowbit(12), lowbit(-8), lowbit(0))
	x := 0x0f0f
	println(x&^0xff, x^-1, ^x)
}

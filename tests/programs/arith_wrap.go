package main

const MaxInt = 1<<63 - 1
const MinInt = -1 << 63

func main() {
	x := MaxInt
	x++
	println(x)
	y := MinInt
	y--
	println(y)
	z := MinInt
	println(-z, z*-1, z*2, z+z)
	m := 3037000500
	println(m * m)
	f := 1
	for i := 1; i <= 25; i++ {
		f *= i
	}
	println(f)
	p := 0x7fffffff
	println(p*p*p, p*p*p*p)
	h := 1469598103934665603
	for i := 0; i < 10; i++ {
		h ^= i
		h *= 1099511628211
	}
	println(h)
	u := MaxInt
	u += MaxInt
	println(u)
}

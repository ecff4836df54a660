package main

// Multiplications by 3, 5 and 9 (either operand constant) lowered as a shift and an add:
// the same wrapping results as a multiplication, at every edge.

const MinInt = -1 << 63
const MaxInt = 1<<63 - 1

func f(x int) int {
	return x*3 + 5*x - x*9
}

func main() {
	xs := [...]int{0, 1, -1, 2, 7, -7, 1 << 61, 1 << 62, -1 << 62, MaxInt, MinInt, MaxInt / 3, MinInt / 5, MaxInt/9 + 1, 3074457345618258603, -3074457345618258603}
	for _, x := range xs {
		println(x, x*3, 3*x, x*5, 5*x, x*9, 9*x, 3*x+1, f(x), x*3*3, (x+1)*5)
	}
	h := 7
	for i := 0; i < 100; i++ {
		h = h*9 + i*3 + 5*h
	}
	println(h)
}

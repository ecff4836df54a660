package main

// A literal assigned to an array kept in registers still evaluates every element, in
// order, also ones never read afterwards: here the one that divides by zero.

var trace int

func t(x int) int {
	trace = trace*10 + x
	return x
}

func f(d int) int {
	a := [4]int{t(1), t(2), 10 / d, t(3)}
	println("built", trace)
	return a[0] + a[3]
}

func main() {
	println(f(1), trace)
	trace = 0
	println(f(0))
}

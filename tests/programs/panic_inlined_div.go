package main

// A division by zero inside an inlined function, after the calls evaluated before it in
// the same statement have had their effects.

var g int

func f(x int) int {
	g += x
	println("f", x, g)
	return x
}

func div(a, b int) int {
	return a / b
}

func main() {
	println(f(1), div(10, f(2)), f(3))
	println(f(4), div(10, f(0)), f(5))
}

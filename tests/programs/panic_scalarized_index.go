package main

// An array indexed by a constant almost everywhere, and once by a variable out of range:
// Go's index error, with the output before it.

func f(i int) int {
	var a [4]int
	a[0] = 1
	a[3] = 2
	println(a[0], a[3])
	a[i] = 3
	return a[0] + a[3]
}

func main() {
	println(f(2))
	println(f(4))
}

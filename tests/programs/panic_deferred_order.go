package main

// A local read once, later, whose value may panic when computed (a run-time index): the
// panic comes at the assignment, before the print in between.

var tab [4]int

func f(i int) int {
	a := tab[i]
	println("between")
	return a
}

func main() {
	println(f(3))
	println(f(4))
}

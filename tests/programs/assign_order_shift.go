package main

// Go's two phases of an assignment: the right side is evaluated before the left side's
// index is checked (the spec's example of a negative shift amount found by a fuzzer).

func main() {
	var a [4]int
	x := 0
	i, s := -5, -1
	println("start")
	x, a[i] = 1<<s, 19
	println(x, a[0])
}

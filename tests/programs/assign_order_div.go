package main

// The right side's division by zero comes before the left side's bounds check.

func main() {
	var a [3]int
	i, d := 7, 0
	a[i] = 10 / d
	println(a[0])
}

package main

// A rotated loop's condition indexes past the end on a later test (at the end of an
// iteration, not before the first): Go's index panic, after the output so far.

func main() {
	var a [5]int
	for i := range a {
		a[i] = i
	}
	n := 0
	i := 0
	for a[i] < 10 {
		n += a[i]
		println(i, n)
		i++
	}
	println(n)
}

package main

// An out-of-range index into a bool array panics with Go's message (its length in
// elements, not bytes).

func at(a *[7]bool, i int) bool {
	return a[i]
}

func main() {
	var a [7]bool
	a[6] = true
	n := 0
	for i := 0; i < 7; i++ {
		if at(&a, i) {
			n++
		}
	}
	println(n)
	i := 7
	a[i] = true
	println("unreachable")
}

package main

// A rotated loop's condition reads through a pointer that the body sets to nil: the
// nil check of the test at the end of the iteration (the one before the loop passed).

func main() {
	var x [3]int
	p := &x
	n := 0
	for p[0] < 3 {
		n++
		p[0]++
		println(n, x[0])
		if p[0] == 2 {
			p = nil
		}
	}
	println(n)
}

package main

// A run-time panic raised deep inside a long chain of segments, with a frame holding
// stack arguments on the way down.

func step(d, a, b, c, e, f, g, h int) int {
	var pad [10]int
	pad[d%10] = a + h
	if d == 0 {
		var z [3]int
		return z[a+g]
	}
	return step(d-1, a, b, c, e, f, g, h) + pad[d%10]
}

func main() {
	println("down we go")
	println(step(20000, 1, 2, 3, 4, 5, 6, 7))
}

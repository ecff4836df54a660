package main

func xor(a, b bool) bool {
	return a != b
}

func main() {
	vals := [2]bool{false, true}
	for _, a := range vals {
		for _, b := range vals {
			println(a, b, a && b, a || b, xor(a, b), a == b, !a || b)
		}
	}
	var x bool
	x = x || true
	println(x)
	c := 3
	ok := c > 2 && c < 5 || c == 100
	println(ok)
}

package main

// Channels compare by identity, and with nil.
func same(a chan int, b chan int) bool {
	return a == b
}

func pick(k int, a chan int, b chan int, want chan int) bool {
	var c chan int
	if k == 0 {
		c = a
	} else if k == 1 {
		c = b
	}
	return c == want
}

func main() {
	a := make(chan int)
	b := make(chan int)
	var n chan int
	println(same(a, a), same(a, b), a != b, n == nil, a == nil)
	c := a
	println(c == a, c != b)
	println(pick(0, a, b, a), pick(1, a, b, b), pick(2, a, b, nil), pick(0, a, b, b))
	n = b
	println(n == b)
}

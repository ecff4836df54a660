package main

func classify(n int) int {
	if n < 0 {
		return -1
	} else if n == 0 {
		return 0
	} else if n < 10 {
		return 1
	} else {
		return 2
	}
}

func twice(n int) int {
	return n * 2
}

func main() {
	for _, n := range [...]int{-5, 0, 3, 10, 99} {
		println(n, classify(n))
	}
	if x := twice(4); x > 5 {
		println("big", x)
	} else {
		println("small", x)
	}
	if x := twice(1); x > 5 {
		println("big", x)
	} else if y := x + 1; y == 3 {
		println("y", x, y)
	} else {
		println("other", x, y)
	}
	x := 1
	if x := 2; x == 2 {
		println("inner", x)
	}
	println("outer", x)
	b := false
	if !b {
		println("not b")
	}
	if b = true; b {
		println("b now", b)
	}
}

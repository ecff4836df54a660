package main

func f(p *int, c bool) int {
	if c {
		*p = 1
	} else {
		println("else")
	}
	*p = 2
	return *p
}

func main() {
	x := 0
	println(f(&x, true), x)
	println(f(nil, false))
}

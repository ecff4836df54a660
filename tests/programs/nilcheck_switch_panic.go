package main

func f(p *[3]int, x int) int {
	switch {
	case x == 1:
		println("one")
	case p[1] == 3:
		println("three")
	}
	return p[2]
}

func main() {
	var a [3]int
	a[1] = 3
	println(f(&a, 0))
	println(f(nil, 1))
}

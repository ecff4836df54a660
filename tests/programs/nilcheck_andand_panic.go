package main

func f(p *int, x int) int {
	if x > 0 && *p > 0 {
		println("both")
	}
	println("after if")
	return *p
}

func main() {
	v := 5
	println(f(&v, 1))
	println(f(nil, 0))
}

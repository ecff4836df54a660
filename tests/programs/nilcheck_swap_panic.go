package main

func f(p *int, q *int) int {
	*p = 7
	p, q = q, p
	println(*q)
	return *p
}

func main() {
	x := 0
	y := 0
	println(f(&x, &y))
	println(f(&x, nil))
}

package main

func f(p *int, q *int) int {
	*p = 1
	println(*p)
	p = q
	*p = 2
	return *p
}

func main() {
	x := 0
	println(f(&x, &x))
	println(f(&x, nil))
}

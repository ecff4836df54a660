package main

func f(p *int) int {
	*p = 1
	s := 0
	for i := 0; i < 3; i++ {
		*p += i
		s += *p
		println(i, s)
		if i == 1 {
			p = nil
		}
	}
	return s
}

func main() {
	x := 0
	println(f(&x))
}

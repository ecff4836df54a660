package main

func fill(p *[8]int, v int) {
	for i := 0; i < len(p); i++ {
		p[i] = v + i
	}
}

func total(p *[8]int) int {
	s := 0
	for i := range p {
		s += (*p)[i]
	}
	return s
}

func reset(p *[8]int) {
	*p = [8]int{}
}

func main() {
	var a [8]int
	fill(&a, 10)
	println(a[0], a[7], total(&a))
	p := &a
	p[3] = 0
	(*p)[4] = 0
	println(total(p), len(p), len(*p))
	b := *p
	reset(p)
	println(a[0], b[0], total(&a))
	*p = b
	println(a[7])
	q := &b
	println(p == q, *p == *q, p == &a, q != &a)
	var g [2][8]int
	fill(&g[1], 100)
	println(g[1][7], total(&g[1]), total(&g[0]))
}

package main

func fill(p *[6]int) {
	for i := range p {
		p[i] = i * i
	}
}

func sum(p *[6]int) int {
	s := 0
	for _, v := range p {
		s += v
	}
	return s
}

func main() {
	var a [6]int
	fill(&a)
	println(sum(&a))
	p := &a
	for i, v := range p {
		if i+1 < len(p) {
			p[i+1] += v
		}
		print(v, " ")
	}
	println()
	println(a[0], a[1], a[2], a[3], a[4], a[5])
	var g [2][2]int
	q := &g
	for i, row := range q {
		row[0] = 9
		q[i][1] = i + 1
	}
	println(g[0][0], g[0][1], g[1][0], g[1][1])
}

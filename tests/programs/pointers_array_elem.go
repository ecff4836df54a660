package main

func set(p *int, v int) {
	*p = v
}

func swap(a, b *int) {
	*a, *b = *b, *a
}

func main() {
	var a [5]int
	for i := 0; i < 5; i++ {
		set(&a[i], i*i)
	}
	println(a[0], a[1], a[2], a[3], a[4])
	swap(&a[1], &a[4])
	println(a[1], a[4])
	p := &a[2]
	q := &a[2]
	r := &a[3]
	println(p == q, p == r)
	*p = *r * 2
	println(a[2])
	var g [3][3]int
	set(&g[1][2], 12)
	row := &g[2]
	row[0] = 20
	println(g[1][2], g[2][0], len(row))
	b := [2]bool{}
	pb := &b[1]
	*pb = true
	println(b[0], b[1])
	i := 3
	pi := &a[i]
	i = 0
	*pi = -1
	println(a[3], a[0])
}

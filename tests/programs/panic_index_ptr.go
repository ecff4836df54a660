package main

func set(p *[8]int, i int) {
	p[i] = 1
}

func main() {
	var a [8]int
	set(&a, 7)
	println(a[7])
	set(&a, 8)
}

package main

func get(p *[3]int, i int) int {
	return p[i]
}

func main() {
	var a [3]int
	a[1] = 9
	println(get(&a, 1))
	var p *[3]int
	println(len(p))
	println(get(p, 1))
}

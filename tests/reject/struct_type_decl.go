package main

type point struct {
	x, y int
}

func main() {
	var p point
	p.x = 1
	println(p.x, p.y)
}

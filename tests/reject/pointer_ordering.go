package main

func main() {
	x, y := 1, 2
	p, q := &x, &y
	println(p < q)
}

package main

var g int

func main() {
	p := &g
	*p = 3
	println(g)
}

package main

func main() {
	x := 1
	p := &x
	var pp **int
	pp = &p
	println(**pp)
}

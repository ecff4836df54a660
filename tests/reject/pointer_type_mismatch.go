package main

func main() {
	x := 1
	var p *bool
	p = &x
	println(p != nil)
}

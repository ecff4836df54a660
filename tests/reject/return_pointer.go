package main

func pick(p *int) *int {
	return p
}

func main() {
	x := 1
	println(*pick(&x))
}

package main

func pick(p *int) (r *int) {
	r = p
	return
}

func main() {
	x := 1
	println(*pick(&x))
}

package main

var ga [4]int

func set(p *int) {
	*p = 1
}

func main() {
	set(&ga[2])
	println(ga[2])
}

package main

func write(p *int, v int) {
	*p = v
}

func main() {
	var p *int
	println("start")
	write(p, 3)
	println("unreachable")
}

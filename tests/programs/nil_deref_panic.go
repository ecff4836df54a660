package main

func read(p *int) int {
	return *p
}

func main() {
	x := 4
	println(read(&x))
	var p *int
	println("before")
	println(read(p))
	println("after")
}

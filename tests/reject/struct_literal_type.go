package main

func main() {
	var p struct{ x int }
	p.x = 3
	println(p.x)
}

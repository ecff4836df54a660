package main

func main() {
	var x int
	x = 1 < 2
	println(x)
}

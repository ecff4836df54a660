package main

func f(x int) (r int) {
	var r int
	return x + r
}

func main() {
	println(f(2))
}

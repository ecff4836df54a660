package main

func f(x int) int {
	x := 1 + 1
	return x
}

func main() {
	println(f(2))
}

package main

func sh(x, s int) int {
	return x >> s
}

func main() {
	println(sh(-64, 3), sh(-64, 100))
	println(sh(1, -100))
}

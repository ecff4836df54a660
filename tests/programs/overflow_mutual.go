package main

func a(n int) int {
	var pad [32]int
	pad[n&31] = n
	return b(n+1) + pad[n&31]
}

func b(n int) int {
	return a(n+1) + 1
}

func main() {
	println("mutual")
	println(a(0))
}

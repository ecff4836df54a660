package main

func grow(n int) int {
	var a [4096]int
	a[n%4096] = n
	return grow(n+1) + a[(n*7)%4096]
}

func main() {
	println(grow(0))
}

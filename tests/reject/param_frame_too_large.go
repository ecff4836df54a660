package main

func f(a [1 << 27]int) int {
	return a[0]
}

func main() {
	println(1)
}

package main

func get(x int) int {
	var a [16]int
	a[(x>>60)&15] = 5
	return a[x>>60]
}

func main() {
	println(get(9223372036854775807))
	println(get(-9223372036854775808))
}

package main

func get(x int) int {
	var a [8]int
	a[x&7] = x
	return a[x%8]
}

func main() {
	println(get(13), get(-16))
	println(get(-3))
}

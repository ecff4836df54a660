package main

func get(x int) int {
	var a [64]int
	a[x&31] = 1
	return a[x&64]
}

func main() {
	println(get(63))
	println(get(64))
}

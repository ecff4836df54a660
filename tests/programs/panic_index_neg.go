package main

func get(a [4]int, i int) int {
	return a[i]
}

func main() {
	a := [4]int{1, 2, 3, 4}
	println(get(a, 0))
	println(get(a, -1))
}

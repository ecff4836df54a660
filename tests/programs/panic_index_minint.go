package main

func main() {
	var a [2]int
	i := -9223372036854775807 - 1
	println(a[i])
}

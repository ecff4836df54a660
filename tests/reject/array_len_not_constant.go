package main

func main() {
	n := 4
	println(n)
	var a [n]int
	println(len(a))
}

package main

func main() {
	a := [3]int{}
	b := [4]int{}
	println(a == b)
}

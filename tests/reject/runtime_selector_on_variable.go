package main

func main() {
	a := [2]int{1, 2}
	println(a.x)
}

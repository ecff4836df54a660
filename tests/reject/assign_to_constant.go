package main

const C = 1

func main() {
	C = 2
	println(C)
}

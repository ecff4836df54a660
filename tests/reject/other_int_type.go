package main

func main() {
	var b byte = 7
	println(b)
}

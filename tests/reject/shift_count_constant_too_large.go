package main

func main() {
	println(1 >> 1075)
}

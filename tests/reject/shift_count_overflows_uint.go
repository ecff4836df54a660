package main

func main() {
	x := 5
	println(x >> 18446744073709551616)
}

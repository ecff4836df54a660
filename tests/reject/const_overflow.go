package main

func main() {
	x := 1 << 63
	println(x)
}

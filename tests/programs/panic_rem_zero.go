package main

func main() {
	z := 0
	x := 7
	println(x % 3)
	x %= z
	println(x)
}

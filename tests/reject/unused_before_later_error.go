package main

// Go sorts "declared but not used" with the other errors by position.
func main() {
	y := 1
	println(x)
}

package main

// Go: `constant shift overflow` at the operator.
func main() {
	x := 1
	println(x + 1<<1000)
}

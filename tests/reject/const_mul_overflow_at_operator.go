package main

// Go: `constant multiplication overflow` at the operator.
const big = 1 << 500

func main() {
	println(big * big > 0)
}

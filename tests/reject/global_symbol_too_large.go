package main

// Go: the linker limit on one symbol, at the name.
var small [10]int
var big [1 << 40]int

func main() {
	big[1] = 2
	small[1] = 3
	println(big[1] + small[1])
}

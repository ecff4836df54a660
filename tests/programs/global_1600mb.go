package main

// A package-level variable of 1.6 GB: over the back end's 1 GiB limit on stack
// objects, under Go's 2 GB limit on one symbol; untouched, it costs no memory.
var g [200000000]int

func main() {
	g[199999999] = 7
	g[3] = g[199999999] * 2
	println(g[3], g[199999999], g[100])
}

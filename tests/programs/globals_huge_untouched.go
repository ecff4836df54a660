package main

// A zero-valued global of 1 GiB (the largest the compiler takes) that the program barely
// touches: only the pages it writes may cost memory (tests/cli.rs checks the peak RSS).
var g [1 << 27]int

func sum(a [4]int) int {
	s := 0
	for _, v := range a {
		s += v
	}
	return s
}

func main() {
	g[5] = 3
	g[len(g)-1] = 7
	g[1<<26]++
	small := [4]int{g[5], g[len(g)-1], g[6], g[1<<26]}
	println(g[5], g[len(g)-1], g[6], g[1<<26], len(g))
	println(sum(small))
}

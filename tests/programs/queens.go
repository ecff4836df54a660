package main

const N = 8

var cols [N]bool
var d1 [2 * N]bool
var d2 [2 * N]bool

func solve(r int) int {
	if r == N {
		return 1
	}
	n := 0
	for c := 0; c < N; c++ {
		if cols[c] || d1[r+c] || d2[r-c+N] {
			continue
		}
		cols[c], d1[r+c], d2[r-c+N] = true, true, true
		n += solve(r + 1)
		cols[c], d1[r+c], d2[r-c+N] = false, false, false
	}
	return n
}

func main() {
	println(solve(0))
}

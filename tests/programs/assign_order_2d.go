package main

// A 2-D index on the left: every bounds check happens at the store, after the right side.

func main() {
	var g [3][4]int
	i, j, s := 9, 1, -3
	g[i][j] = 5 >> s
	println(g[0][0])
}

package main

func main() {
	var g [3][7]int
	i, j := 2, 6
	g[i][j] = 1
	println(g[2][6])
	j++
	println(g[i][j])
}

package main

func main() {
	var g [2][3]int
	g[1][0] = 4
	println(g[1][3])
}

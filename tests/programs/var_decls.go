package main

var (
	ga    int
	gb, gc = 3, 4
	gd    bool
	ge    = [2]bool{true}
)

func main() {
	var a int
	var b, c int = 1, 2
	var d = 5
	var e, f = 6, true
	var (
		g int = 7
		h     = false
		i [3]int
	)
	var j, k bool
	println(a, b, c, d, e, f, g, h, i[0], i[1], i[2], j, k)
	println(ga, gb, gc, gd, ge[0], ge[1])
	l, m := 8, 9
	l, n := 10, 11
	println(l, m, n)
	var z [2][2]int
	println(z[1][1], len(z))
}

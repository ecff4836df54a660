package main

func double(a [4]int) [4]int {
	for i := range a {
		a[i] *= 2
	}
	return a
}

func makeGrid(n int) [3][3]int {
	var g [3][3]int
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			g[i][j] = n + i*3 + j
		}
	}
	return g
}

func transpose(g [3][3]int) (t [3][3]int) {
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			t[j][i] = g[i][j]
		}
	}
	return
}

func pair() ([2]int, [2]bool) {
	return [2]int{1, 2}, [2]bool{false, true}
}

func sum(a [4]int) int {
	return a[0] + a[1] + a[2] + a[3]
}

func main() {
	a := [4]int{1, 2, 3, 4}
	b := double(a)
	println(a[0], a[3], b[0], b[3])
	println(sum(double(double(a))))
	g := makeGrid(10)
	t := transpose(g)
	println(g[0][2], t[2][0], t[0][2])
	x, y := pair()
	println(x[1], y[1])
	println(makeGrid(0)[2][1], double(a)[2])
	println(transpose(transpose(g)) == g)
}

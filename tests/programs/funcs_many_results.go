package main

func r12(n int) (int, int, int, int, int, int, int, int, int, int, int, int) {
	return n, n + 1, n + 2, n + 3, n + 4, n + 5, n + 6, n + 7, n + 8, n + 9, n + 10, n + 11
}

func r14(n int) (a int, b bool, c [3]int, d int, e int, f [2]bool, g int, h int, i int, j int, k [4]int, l int, m bool, o int) {
	a = n
	b = n > 0
	c = [3]int{n, n * 2, n * 3}
	d, e = -n, n*n
	f[1] = true
	g, h, i, j = 7, 8, 9, 10
	k[3] = n + 3
	l = 12
	m = !b
	o = 14
	return
}

func pass(n int) (int, int, int, int, int, int, int, int, int, int, int, int) {
	return r12(n * 10)
}

func sum12(a, b, c, d, e, f, g, h, i, j, k, l int) int {
	return a + b + c + d + e + f + g + h + i + j + k + l
}

func main() {
	a, b, c, d, e, f, g, h, i, j, k, l := r12(1)
	println(a, b, c, d, e, f, g, h, i, j, k, l)
	println(r12(100))
	println(sum12(pass(2)))
	a1, b1, c1, d1, e1, f1, g1, h1, i1, j1, k1, l1, m1, o1 := r14(5)
	println(a1, b1, c1[0], c1[1], c1[2], d1, e1, f1[0], f1[1], g1, h1, i1, j1)
	println(k1[0], k1[3], l1, m1, o1)
	_, _, x, _, _, _, _, _, _, _, _, y := r12(-5)
	println(x, y)
}

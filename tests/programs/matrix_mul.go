package main

const N = 12

func mul(a, b [N][N]int) [N][N]int {
	var c [N][N]int
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			s := 0
			for k := 0; k < N; k++ {
				s += a[i][k] * b[k][j]
			}
			c[i][j] = s
		}
	}
	return c
}

func identity() (m [N][N]int) {
	for i := range m {
		m[i][i] = 1
	}
	return
}

func main() {
	var a [N][N]int
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			a[i][j] = (i*7 + j*3) % 11 - 5
		}
	}
	id := identity()
	println(mul(a, id) == a, mul(id, a) == a)
	c := mul(a, a)
	c = mul(c, a)
	tr := 0
	for i := 0; i < N; i++ {
		tr += c[i][i]
	}
	println(tr, c[0][0], c[N-1][N-1], c[3][7])
}

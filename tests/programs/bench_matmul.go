package main

// 16x16 integer matrix product, repeated: nested loops, 2-D array indexing,
// pointers to arrays passed down (a relocatable pointer live across calls).
const N = 16

func fill(m *[N][N]int, seed int) {
	x := seed
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			x = (x*1103515245 + 12345) % 2147483648
			m[i][j] = x%201 - 100
		}
	}
}

func mul(c *[N][N]int, a *[N][N]int, b *[N][N]int) {
	for i := 0; i < N; i++ {
		for j := 0; j < N; j++ {
			s := 0
			for k := 0; k < N; k++ {
				s += a[i][k] * b[k][j]
			}
			c[i][j] = s
		}
	}
}

func trace(m *[N][N]int) int {
	t := 0
	for i := 0; i < N; i++ {
		t += m[i][i] ^ m[i][N-1-i]
	}
	return t
}

func main() {
	var a, b, c [N][N]int
	sum := 0
	for r := 0; r < 3; r++ {
		fill(&a, r)
		fill(&b, r+7)
		mul(&c, &a, &b)
		sum += trace(&c)
	}
	println(sum)
}

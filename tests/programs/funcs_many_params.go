package main

func p12(a, b, c, d, e, f, g, h, i, j, k, l int) int {
	return a + 2*b + 3*c + 4*d + 5*e + 6*f + 7*g + 8*h + 9*i + 10*j + 11*k + 12*l
}

func p16(a int, b bool, c int, d [3]int, e int, f bool, g int, h int, i [2]int, j int, k int, l bool, m int, n int, o int, p int) int {
	s := a + c + e + g + h + j + k + m + n + o + p + d[0] + d[1] + d[2] + i[0]*i[1]
	if b {
		s++
	}
	if f {
		s += 10
	}
	if l {
		s += 100
	}
	return s
}

func rec(n, a, b, c, d, e, f, g, h, i, j, k, l, m int) int {
	if n == 0 {
		return a + b + c + d + e + f + g + h + i + j + k + l + m
	}
	return rec(n-1, b, c, d, e, f, g, h, i, j, k, l, m, a+1)
}

func ptrs(a, b, c, d, e, f, g int, p *int, q *int, r *[2]int) {
	*p = a + b + c + d + e + f + g
	*q = *p * 2
	r[1] = *q + 1
}

func main() {
	println(p12(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
	println(p12(-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12))
	println(p16(1, true, 2, [3]int{3, 4, 5}, 6, false, 7, 8, [2]int{9, 10}, 11, 12, true, 13, 14, 15, 16))
	println(rec(1000, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13))
	x, y := 0, 0
	var z [2]int
	ptrs(1, 2, 3, 4, 5, 6, 7, &x, &y, &z)
	println(x, y, z[0], z[1])
}

package main

// Index forms whose bounds checks the compiler may drop (masks, remainders and shifts of
// non-negative values, loop counters) next to forms that still need the check.

var g [16]int

func masks(x int) int {
	var a [64]int
	a[x&63] = x
	a[(x>>3)&63] += 1
	a[63&x] += 2
	a[(x&31)&63] += 3
	a[x&^-64] += 4
	a[(x&1023)%64] += 5
	a[(x&4095)>>6] += 6
	a[(x&63)>>1] += 7
	return a[x&63] + a[(x*7)&63] + a[(x>>3)&63] + a[(x&4095)>>6]
}

func counters(n int) int {
	var a [10]int
	var m [4][5]int
	s := 0
	for i := 0; i < 10; i++ {
		a[i] = i * n
	}
	for i := 0; i <= 9; i++ {
		s += a[i]
	}
	for i := 3; i < 10; i++ {
		if i == 5 {
			continue
		}
		if i == 8 {
			break
		}
		s += a[i] * 2
	}
	for i := 0; i < 4; i++ {
		for j := 0; j < 5; j++ {
			m[i][j] = i*10 + j
		}
	}
	for i := 0; i < 4; i++ {
		j := 0
		for j < 5 {
			s += m[i][j]
			j++
		}
	}
	for i, v := range a {
		s += i * v
	}
	for i := range g {
		g[i] = i + n
	}
	for _, v := range g {
		s += v
	}
	k := 0
	for i := 0; i < 10; i++ {
		k = i
	}
	s += a[k]
	return s
}

func main() {
	t := 0
	for x := -100; x < 5000; x += 7 {
		t = t*31 + masks(x)
	}
	println(t)
	println(counters(3), counters(-2))
	println(masks(-1), masks(-9223372036854775808), masks(9223372036854775807))
}

package main

// Zeroing and copying of arrays of many sizes (odd word counts, around the sizes where
// the compiler switches between straight-line code and loops), with neighbours that
// must stay untouched.

func sum1(a [1]int) int {
	return a[0]
}

func fill3(a *[3]int, v int) {
	for i := 0; i < 3; i++ {
		a[i] = v + i
	}
}

func sum3(a [3]int) int {
	s := 0
	for i := 0; i < 3; i++ {
		s = s*7 + a[i]
	}
	return s
}

func sum17(a [17]int) int {
	s := 0
	for i := 0; i < 17; i++ {
		s = s*3 + a[i]
	}
	return s
}

func sum63(a [63]int) int {
	s := 0
	for i := 0; i < 63; i++ {
		s = s*3 + a[i]
	}
	return s
}

func sum65(a [65]int) int {
	s := 0
	for i := 0; i < 65; i++ {
		s = s*3 + a[i]
	}
	return s
}

func sum67(a [67]int) int {
	s := 0
	for i := 0; i < 67; i++ {
		s = s*3 + a[i]
	}
	return s
}

func sum129(a [129]int) int {
	s := 0
	for i := 0; i < 129; i++ {
		s = s*3 + a[i]
	}
	return s
}

func sum1000(a [1000]int) int {
	s := 0
	for i := 0; i < 1000; i++ {
		s = s*3 + a[i]
	}
	return s
}

func zeroed17(n int) [17]int {
	var a [17]int
	if n > 0 {
		a[n%17] = n
	}
	return a
}

func make65(seed int) [65]int {
	var a [65]int
	for i := 0; i < 65; i++ {
		a[i] = seed*100 + i
	}
	return a
}

func loopZero(rounds int) int {
	total := 0
	for r := 0; r < rounds; r++ {
		var b [67]int
		var c [3]int
		s := 0
		for i := 0; i < 67; i++ {
			s += b[i]
		}
		for i := 0; i < 3; i++ {
			s += c[i]
		}
		total += s
		for i := 0; i < 67; i++ {
			b[i] = r + i
		}
		c[r%3] = r
		total += b[66] + c[0]
	}
	return total
}

func main() {
	var before [5]int
	var a1 [1]int
	var a2 [2]int
	var a3 [3]int
	var a17 [17]int
	var a63 [63]int
	var a64 [64]int
	var a65 [65]int
	var a66 [66]int
	var a67 [67]int
	var a129 [129]int
	var a1000 [1000]int
	var after [5]int
	for i := 0; i < 5; i++ {
		before[i] = -1 - i
		after[i] = -100 - i
	}
	println(sum1(a1), a2[0]+a2[1], sum3(a3), sum17(a17), sum63(a63), sum65(a65), sum67(a67), sum129(a129), sum1000(a1000))
	for i := 0; i < 64; i++ {
		a64[i] = i + 1
	}
	for i := 0; i < 66; i++ {
		a66[i] = 2*i + 1
	}
	a1[0] = 42
	a2 = [2]int{7, 8}
	fill3(&a3, 10)
	for i := 0; i < 17; i++ {
		a17[i] = i * i
	}
	for i := 0; i < 63; i++ {
		a63[i] = 63 - i
	}
	a65 = make65(3)
	for i := 0; i < 67; i++ {
		a67[i] = i ^ 5
	}
	for i := 0; i < 129; i++ {
		a129[i] = i * 3
	}
	for i := 0; i < 1000; i++ {
		a1000[i] = i % 13
	}
	println(sum1(a1), a2[0]+a2[1], sum3(a3), sum17(a17), sum63(a63), sum65(a65), sum67(a67), sum129(a129), sum1000(a1000))

	// copies
	b1 := a1
	b3 := a3
	b17 := a17
	b63 := a63
	b65 := a65
	b67 := a67
	b129 := a129
	b1000 := a1000
	a1[0] = 0
	a3[2] = 0
	a17[16] = 0
	a63[62] = 0
	a65[64] = 0
	a67[66] = 0
	a129[128] = 0
	a1000[999] = 0
	println(sum1(b1), sum3(b3), sum17(b17), sum63(b63), sum65(b65), sum67(b67), sum129(b129), sum1000(b1000))
	println(sum1(a1), sum3(a3), sum17(a17), sum63(a63), sum65(a65), sum67(a67), sum129(a129), sum1000(a1000))

	// zeroing by assignment of a zero value
	a67 = [67]int{}
	a129 = [129]int{5: 1}
	a1000 = [1000]int{}
	println(sum67(a67), sum129(a129), sum1000(a1000), a64[63], a66[65])

	// swaps (two-phase assignment copies through temporaries)
	c65 := make65(1)
	d65 := make65(2)
	c65, d65 = d65, c65
	println(c65[0], c65[64], d65[0], d65[64])

	// multi-dimensional: rows are copied and zeroed in place
	var m [3][67]int
	for i := 0; i < 67; i++ {
		m[1][i] = i
	}
	m[0] = m[1]
	m[2] = m[0]
	m[1] = [67]int{}
	println(sum67(m[0]), sum67(m[1]), sum67(m[2]))

	z := zeroed17(0)
	println(sum17(z), sum17(zeroed17(20)))
	println(loopZero(5))

	s := 0
	for i := 0; i < 5; i++ {
		s = s*10 - before[i] - after[i]
	}
	println(s)
}

package main

// Functions with stack-passed arguments (more than six) and several results, called at
// every depth of a recursion so that, on small segments, some of these calls are the ones
// that split: morestack must copy their stack arguments to the new segment and lessstack
// must bring all results back.

func spread(a, b, c, d, e, f, g, h, i, j int, p *int) (int, int, int) {
	var pad [24]int
	pad[a&15] = b + c
	*p += j
	return a + b + c + d + e + pad[a&15], f*g - h, i + j + pad[(a+1)&15]
}

func spread12(a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12 int) (int, int, int, int, int) {
	var pad [8]int
	pad[a1&7] = a12
	return a1 + a12, a2 * a11, a3 - a10 + pad[a1&7], a4 ^ a9, a5 + a6 + a7 + a8
}

func walk(depth int, acc *int) int {
	var frame [20]int
	frame[depth%20] = depth
	x, y, z := spread(depth, 1, 2, 3, 4, 5, 6, 7, 8, depth*3, acc)
	r1, r2, r3, r4, r5 := spread12(depth, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
	s := x + y + z + r1 + r2 + r3 + r4 + r5 + frame[depth%20]
	if depth == 0 {
		return s
	}
	return (s + walk(depth-1, acc)) % 1000000007
}

func main() {
	total := 0
	acc := 0
	for d := 0; d < 300; d += 7 {
		total = (total + walk(d, &acc)) % 1000000007
	}
	println(total, acc)
}

// Reduced from the differential fuzzer (seed 7): a function with a result area, many
// parameters, a loop and a host call, whose optimized relocatable code kept a stale stack
// address across the call under copying --force-move.
package main

var gzero = 0
var gseven = 7
var gfalse = false

func b2i(b bool) int {
	return 0
}

func f6(a0 bool, a1 *[8]int, a2 bool, a3 [1]int, a4 int, a6 int, a7 [1]bool, a8 [1]int, a9 [4]int, a10 int, a11 *int) (int, [4]int, [1][2]int, bool) {
	h := 885
	var t2 [3]int
	p1 := &t2
	var x20 = [...]int{a6, ((a1[4]) ^ (-2)) + ((p1[(gzero%3+3)%3]) &^ 14), (^(-2147483648)) + (-6)}
	a1[4] = x20[1]
	i21 := 0
	for {
		i21++
		if i21 > 5 {
			break
		}
		x22 := -(11 &^ (b2i(true)))
		x20[((gseven * a4)%3+3)%3] /= 19|1
		h = h*31 + (x22)
	}
	println("f6", h)
	return h, a9, [1][2]int{{0: +a10, 1: (*a11) ^ (len(a1))}}, ((a7[0]) && false) || (false || gfalse)
}

func main() {
	var t107 [8]int
	a, b, c, d := f6(true, &t107, false, [1]int{1}, 3, 5, [1]bool{}, [1]int{2}, [4]int{1, 2, 3, 4}, 7, &t107[3])
	println(a, b[3], c[0][1], d, t107[4])
}

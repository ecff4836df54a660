package main

// A function with 70 parameters, six of them pointers (two past the 64th), recursing
// deep enough that the stack grows (and, under copying, moves) many times while those
// pointers are live in its arguments.
func f(depth int, p0 *int, p1 int, p2 int, p3 *int, p4 int, p5 int, p6 int, p7 int, p8 int, p9 int, p10 int, p11 int, p12 int, p13 int, p14 int, p15 int, p16 int, p17 int, p18 int, p19 int, p20 int, p21 int, p22 int, p23 int, p24 int, p25 int, p26 int, p27 int, p28 int, p29 int, p30 int, p31 int, p32 int, p33 int, p34 int, p35 int, p36 int, p37 int, p38 int, p39 int, p40 *int, p41 int, p42 int, p43 int, p44 int, p45 int, p46 int, p47 int, p48 int, p49 int, p50 int, p51 int, p52 int, p53 int, p54 int, p55 int, p56 int, p57 int, p58 int, p59 int, p60 int, p61 int, p62 int, p63 int, p64 *int, p65 *int, p66 int, p67 int, p68 int, p69 *int) int {
	var pad [40]int
	pad[depth%40] = depth
	if depth == 0 {
		*p0 += 1
		*p3 += 4
		*p40 += 41
		*p64 += 65
		*p65 += 66
		*p69 += 70
		return p1 + p68 + pad[0]
	}
	r := f(depth-1, p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35, p36, p37, p38, p39, p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55, p56, p57, p58, p59, p60, p61, p62, p63, p64, p65, p66, p67, p68, p69)
	return r + pad[depth%40]
}

func main() {
	a, b, c, d, e, g := 1, 2, 3, 4, 5, 6
	println(f(3000, &a, 7, 14, &b, 28, 35, 42, 49, 56, 63, 70, 77, 84, 91, 98, 105, 112, 119, 126, 133, 140, 147, 154, 161, 168, 175, 182, 189, 196, 203, 210, 217, 224, 231, 238, 245, 252, 259, 266, 273, &c, 287, 294, 301, 308, 315, 322, 329, 336, 343, 350, 357, 364, 371, 378, 385, 392, 399, 406, 413, 420, 427, 434, 441, &d, &e, 462, 469, 476, &g))
	println(a, b, c, d, e, g)
}

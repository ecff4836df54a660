package main

// Package-level bools and bool arrays (one byte per bool) next to ints: every one keeps
// its own value, ints beside odd-sized bool arrays are not overwritten.

var g1 bool
var n1 int = 111
var ga = [3]bool{true, false, true}
var n2 = 222
var gb [5]bool
var g2 = true
var n3 = 333
var gc [17]bool
var g3 bool
var gd [3][5]bool
var n4 = 444
var ge [33]bool
var g4 = n1 > 100

func count(a [33]bool) int {
	n := 0
	for _, v := range a {
		if v {
			n++
		}
	}
	return n
}

func pattern(k int) [17]bool {
	var a [17]bool
	for i := 0; i < 17; i += k {
		a[i] = true
	}
	return a
}

func dump() {
	println(g1, g2, g3, g4, n1, n2, n3, n4)
	println(ga[0], ga[1], ga[2], gb[0], gb[4], gc[0], gc[16], gd[0][0], gd[2][4])
}

func main() {
	dump()
	g1 = true
	g3 = !g2
	gb[4] = true
	gb[0] = ga[0]
	gc = pattern(4)
	gd[2][4] = true
	gd[1] = gb
	dump()
	println(gd[1] == gb, gd[0] == gb, gc == pattern(4), gc != pattern(2))
	for i := 0; i < 33; i += 3 {
		ge[i] = true
	}
	println(count(ge))
	local := ge
	local[1] = true
	println(count(local), count(ge), local == ge)
	ge = local
	println(count(ge), local == ge)
	ga = [3]bool{}
	gc = [17]bool{}
	gb = [5]bool{1: true}
	dump()
	for i := range gc {
		gc[i] = i%2 == 1
	}
	n := 0
	for _, v := range gc {
		if v {
			n++
		}
	}
	println(n, n1, n2, n3, n4)
}

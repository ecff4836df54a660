package main

// Recursions of many depths, with locals in every frame, while another thread's stack
// overflows next to this one: every result must be exact.

func rec(d, acc int) int {
	if d == 0 {
		return acc
	}
	var pad [8]int
	pad[d&7] = acc
	return rec(d-1, acc*31+d+pad[(d+3)&7]) + pad[d&7]
}

func main() {
	s := 0
	for i := 0; i < 6000; i++ {
		s += rec(200+i%200, i)
	}
	println(s)
}

package main

// A frame far bigger than a segment (32 KiB of locals), entered at several depths:
// morestack must give it a segment big enough.

func big(n int) int {
	var a [4096]int
	for i := 0; i < 4096; i++ {
		a[i] = i * n
	}
	s := 0
	for i := 0; i < 4096; i += 97 {
		s += a[i]
	}
	return s
}

func down(d int) int {
	var pad [16]int
	pad[d&15] = d
	if d == 0 {
		return big(3)
	}
	return big(d) + down(d-1) + pad[d&15]
}

func main() {
	println(down(40))
	println(big(1))
}

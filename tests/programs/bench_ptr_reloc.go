package main

func reloc(n int, p *int, q *int) int {
	*p += n
	if n == 0 {
		return *q
	}
	var pad [4]int
	pad[n&3] = *p & 1023
	r := reloc(n-1, p, q)
	*q += pad[n&3]
	return (r + *p) % 1000003
}

func main() {
	var a [256]int
	s := 0
	for i := 0; i < 8; i++ {
		s += reloc(2000, &a[i&255], &a[(i*7+1)&255])
	}
	println(s, a[0], a[1])
}

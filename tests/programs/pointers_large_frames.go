package main

func use(n int, p *int, row *[512]int) int {
	var big [4096]int
	big[n%4096] = n
	*p += n
	row[n%512] += *p % 7
	if n == 0 {
		return big[0]
	}
	q := &big[n%4096]
	r := use(n-1, q, row)
	*p += *q
	return r + big[n%4096]%5
}

func main() {
	var top [512]int
	x := 1
	r := use(40, &x, &top)
	s := 0
	for _, v := range top {
		s += v
	}
	println(r, x, s, top[0], top[40])
}

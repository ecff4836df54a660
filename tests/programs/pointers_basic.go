package main

func main() {
	x := 5
	p := &x
	*p = 6
	println(x, *p)
	q := &x
	println(p == q, p != q, p != nil, p == nil)
	y := 5
	r := &y
	println(p == r, *p == *r+1)
	var n *int
	println(n == nil, n != nil, nil == n)
	n = p
	*n += 10
	println(x, n == p)
	b := true
	pb := &b
	*pb = !*pb
	println(b)
	pp := &x
	x = 1
	println(*pp**pp, -*pp, *pp<<3)
	var np *bool
	np = pb
	println(*np)
	n = nil
	println(n == nil)
}

package main

func main() {
	a := [4]int{1, 2, 3, 4}
	b := a
	b[0] = 100
	println(a[0], b[0])
	var c [4]int
	c = b
	b[1] = 200
	println(c[1], b[1])
	g := [2][2]int{{1, 2}, {3, 4}}
	h := g
	h[0][0] = 9
	g[1] = h[0]
	println(g[0][0], g[1][0], g[1][1], h[0][0])
	a, b = b, a
	println(a[0], a[1], b[0], b[1])
	p := &a
	q := *p
	q[3] = -4
	println(a[3], q[3])
	*p = [4]int{7, 7, 7, 7}
	println(a[0], a[3])
	a = [4]int{}
	println(a[0], a[3])
	big := [100]int{99: 1}
	big2 := big
	big2[99]++
	println(big[99], big2[99])
}

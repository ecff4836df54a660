package main

var ga = [...]int{5, 6, 7}
var gk = [6]int{1: 10, 4: 40}

func main() {
	a := [3]int{1, 2, 3}
	b := [...]int{4, 5, 6, 7}
	c := [8]int{2: 5}
	d := [5]int{1, 3: 4, 9}
	e := [...]int{5: 1}
	f := [4]int{}
	g := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	h := [...][2]int{{1, 2}, 2: {5, 6}}
	i := [3]bool{true, 2: true}
	j := [2][2]bool{{true}, {false, true}}
	k := [...]int{}
	println(len(a), len(b), len(c), len(d), len(e), len(f), len(h), len(k))
	println(a[0], a[2], b[3], c[2], c[3], d[0], d[3], d[4], e[5], f[3])
	println(g[0][2], g[1][0], h[0][1], h[1][0], h[2][0], i[0], i[1], i[2], j[0][0], j[1][1])
	println(ga[1], len(ga), gk[1], gk[4], gk[5])
	const n = 2
	m := [n + 1]int{n: n}
	println(m[2])
	x := 7
	v := [3]int{x, x * 2, -x}
	println(v[0], v[1], v[2])
	println([3]int{1, 2, 3}[1], [...]int{9, 8}[x-6], len([4]int{}))
}

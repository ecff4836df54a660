package main

func same(p, q *int) bool {
	return p == q
}

func main() {
	var a [3]int
	x, y := 0, 0
	println(same(&a[0], &a[0]), same(&a[0], &a[1]), same(&x, &y), same(&x, &x))
	var n *int
	println(same(n, nil), same(&x, nil), same(nil, nil))
	i := 1
	println(same(&a[i], &a[1]), same(&a[i+1], &a[1]))
	pa := &a
	pb := &a
	var pc *[3]int
	println(pa == pb, pc == nil, pa != pc)
}

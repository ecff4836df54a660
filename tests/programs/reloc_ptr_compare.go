package main

// Pointer comparisons across stack moves: pointers taken before a deep recursion are
// compared with pointers taken after it, and with pointers passed through it.

func deep(n int, a *int, b *int) bool {
	var pad [20]int
	pad[n%20] = n
	if n == 0 {
		return a == b
	}
	return deep(n-1, a, b) && pad[n%20] == n
}

func same(n int, p *[8]int, q *int) bool {
	var pad [10]int
	pad[n%10] = 1
	if n == 0 {
		return &p[3] == q
	}
	return same(n-1, p, q) && pad[n%10] == 1
}

func main() {
	x := 1
	y := 2
	px := &x
	py := &y
	px2 := &x
	println(deep(2000, px, px2), deep(2000, px, py))
	var arr [8]int
	q := &arr[3]
	println(same(3000, &arr, q), same(3000, &arr, &arr[4]))
	println(px == px2, px == &x, px != py, q == &arr[3])
	*q = 42
	println(arr[3], *px+*py)
}

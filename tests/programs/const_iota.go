package main

const (
	A = iota
	B
	C
	_
	E
)

const (
	X, Y = iota, iota * 10
	Z, W
	_, _
	P, Q
)

const (
	first = 100
	second
	third = iota * 2
	fourth
)

const (
	b0 = 1 << iota
	b1
	b2
	b3
	mask = b0 | b1 | b2 | b3
)

const solo = iota

func main() {
	println(A, B, C, E)
	println(X, Y, Z, W, P, Q)
	println(first, second, third, fourth)
	println(b0, b1, b2, b3, mask)
	println(solo)
	const (
		l0 = iota + 5
		l1
		l2
	)
	println(l0, l1, l2)
}

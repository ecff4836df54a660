package main

// A pointer live across a call inside a loop: the call may move the stack, and the
// pointer (and the address of an array element computed before the call) must follow.

func grow(n int) int {
	var pad [32]int
	pad[n%32] = n
	if n == 0 {
		return 1
	}
	return grow(n-1) + pad[n%32]%2
}

func main() {
	var arr [10]int
	x := 0
	p := &x
	q := &arr[0]
	for i := 0; i < 10; i++ {
		arr[i] = grow(i * 300)
		*p += arr[i]
		*q += 1
	}
	s := 0
	for i := 0; i < 10; i++ {
		s += arr[i]
	}
	println(x, s, arr[0], *q)
}

package main

var trace int

func t(n int) int {
	trace = trace*10 + n
	return n
}

func sum3(a, b, c int) int {
	return a + b + c
}

func main() {
	println(sum3(t(1), t(2), t(3)), trace)
	trace = 0
	x := t(1) + t(2)*t(3)
	println(x, trace)
	trace = 0
	var a [5]int
	a[t(1)] = t(2) + t(3)
	println(a[1], trace)
	trace = 0
	y, z := t(4), t(5)
	println(y, z, trace)
	trace = 0
	println(t(1) < t(2), trace)
}

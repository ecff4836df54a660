package main

func main() {
	x := 7
	println(-x, +x, ^x, - -x, ^^x, -^x, ^-x)
	b := false
	println(!b, !!b, !(!b && b))
	m := -9223372036854775807 - 1
	println(-m, ^m, +m)
	println(-0, ^0, -(-3))
}

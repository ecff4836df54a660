package main

const MinInt = -1 << 63

func show(a, b int) {
	println(a, b, a/b, a%b)
}

func main() {
	show(7, 2)
	show(-7, 2)
	show(7, -2)
	show(-7, -2)
	show(6, 3)
	show(-6, 3)
	show(0, -5)
	show(1, 9223372036854775807)
	show(MinInt, 1)
	show(MinInt, -1)
	show(MinInt, 2)
	show(MinInt, MinInt)
	show(MinInt+1, -1)
	x := MinInt
	m := -1
	x /= m
	println(x)
	y := MinInt
	y %= m
	println(y)
	println(7/2, -7/2, 7%-2, -7%-2)
}

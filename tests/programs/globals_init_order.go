package main

var a = b + c
var b = f(1)
var c = g()
var d int
var total = sum()

var (
	x = y * 2
	y = z + 1
	z = 5
)

var counter int

func f(n int) int {
	counter++
	println("f", n, counter)
	return n * 10
}

func g() int {
	counter++
	println("g", counter, b)
	return b + 1
}

func sum() int {
	counter++
	println("sum", counter)
	return a + b + c + x + y + z
}

func main() {
	println(a, b, c, d, total)
	println(x, y, z, counter)
}

package main

func divmod(a, b int) (int, int) {
	return a / b, a % b
}

func add(a, b int) int {
	return a + b
}

func three() (int, bool, int) {
	return 1, true, 3
}

func pass() (int, int) {
	return divmod(17, 5)
}

func take3(a int, b bool, c int) int {
	if b {
		return a + c
	}
	return a - c
}

func swap(a, b int) (int, int) {
	return b, a
}

func none() {
	println("none called")
}

func early(n int) {
	if n > 0 {
		println("positive")
		return
	}
	println("not positive")
}

func main() {
	q, r := divmod(17, 5)
	println(q, r)
	println(add(divmod(17, 5)))
	println(pass())
	println(take3(three()))
	a, b := swap(swap(1, 2))
	println(a, b)
	var x, y int
	x, y = divmod(100, 7)
	println(x, y)
	println(divmod(add(1, 2), 2))
	none()
	early(1)
	early(0)
	println(swap(pass()))
}

package main

func f(a [2]int, n int) int {
	for n := 0; n < 2; n++ {
		a[n] = n
	}
	if n := a[0]; n > 0 {
		return n
	}
	n, k := 3, 4
	return n + k + a[1]
}

func main() {
	var a [2]int
	println(f(a, 5))
}

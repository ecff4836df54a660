package main

func build(n int) [5]int {
	if n == 0 {
		return [5]int{1}
	}
	prev := build(n - 1)
	var next [5]int
	for i := 0; i < 5; i++ {
		next[i] = prev[i]
		if i > 0 {
			next[i] += prev[i-1]
		}
	}
	return next
}

func main() {
	r := build(10)
	println(r[0], r[1], r[2], r[3], r[4])
	println(build(40)[4])
}

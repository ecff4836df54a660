package main

func f(x int) int {
	if x > 3 {
		panic(-x * 1000)
	}
	return f(x + 1)
}

func main() {
	println(f(0))
}

package main

func fact(n int) int {
	if n <= 1 {
		return 1
	}
	return n * fact(n-1)
}

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func sumTo(n int) int {
	if n == 0 {
		return 0
	}
	return n + sumTo(n-1)
}

func power(b, e int) int {
	if e == 0 {
		return 1
	}
	h := power(b, e/2)
	if e%2 == 0 {
		return h * h
	}
	return h * h * b
}

func main() {
	println(fact(10), fact(20), fact(21))
	println(fib(20), sumTo(10000))
	println(power(3, 13), power(2, 62), power(7, 30))
}

// Naive Fibonacci: many small calls, each through the stack-check prologue.
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	for i := 0; i <= 30; i += 5 {
		println("fib(", i, ") =", fib(i))
	}
}

package main

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func ping(n int, acc int) int {
	if n <= 0 {
		return acc
	}
	return pong(n-1, acc+n)
}

func pong(n int, acc int) int {
	if n <= 0 {
		return acc
	}
	return ping(n-2, acc*2%1000007)
}

func hofQ(n int) int {
	if n <= 2 {
		return 1
	}
	return hofF(n) + hofM(n)
}

func hofF(n int) int {
	if n == 0 {
		return 1
	}
	return n - hofM(hofF(n-1))
}

func hofM(n int) int {
	if n == 0 {
		return 0
	}
	return n - hofF(hofM(n-1))
}

func main() {
	println(isEven(10), isOdd(10), isEven(7777), isOdd(7777))
	println(ping(10000, 1))
	for i := 0; i < 15; i++ {
		print(hofF(i), " ")
	}
	println()
	println(hofQ(20))
}

package main

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func gcdRec(a, b int) int {
	if b == 0 {
		return a
	}
	return gcdRec(b, a%b)
}

func lcm(a, b int) int {
	return a / gcd(a, b) * b
}

func main() {
	println(gcd(48, 18), gcd(17, 5), gcd(0, 9), gcdRec(1071, 462))
	l := 1
	for i := 1; i <= 20; i++ {
		l = lcm(l, i)
	}
	println(l)
	println(gcd(-12, 8), gcdRec(12, -8))
}

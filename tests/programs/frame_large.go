package main

func big(seed int) int {
	var a [8192]int
	for i := 0; i < len(a); i++ {
		a[i] = i ^ seed
	}
	s := 0
	for i := len(a) - 1; i >= 0; i -= 7 {
		s += a[i]
	}
	return s
}

func main() {
	var local [8192]int
	local[8191] = 1
	println(big(3), big(12345), local[8191])
}

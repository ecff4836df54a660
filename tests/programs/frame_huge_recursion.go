package main

func huge(n int) int {
	var a [32768]int
	a[n] = n + 1
	a[32767-n] += 2
	if n == 0 {
		return a[0] + a[32767]
	}
	return huge(n-1) + a[n] + a[32767-n]
}

func medium(n int) int {
	var b [8192]int
	b[n%8192] = n
	if n == 0 {
		return 0
	}
	return medium(n-1) + b[n%8192]
}

func main() {
	println(huge(8))
	println(medium(64))
	var top [65536]int
	top[65535] = huge(2)
	println(top[65535], len(top))
}

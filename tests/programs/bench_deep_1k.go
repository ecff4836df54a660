package main

func deep(n int) int {
	var a [128]int
	a[n&127] = n
	if n == 0 {
		return a[0]
	}
	r := deep(n - 1)
	return (r*31 + a[n&127] + a[(n*5)&127]) % 1000003
}

func main() {
	s := 0
	for i := 0; i < 3; i++ {
		s += deep(2000 - i)
	}
	println(s)
}

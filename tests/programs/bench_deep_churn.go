package main

func down(n int) int {
	if n == 0 {
		return 0
	}
	r := down(n - 1)
	return (r*7 + n) % 1000003
}

func main() {
	s := 0
	for i := 0; i < 5; i++ {
		s += down(10000 + i)
	}
	println(s)
}

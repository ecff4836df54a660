package main

func main() {
	s := 0
	for i := 0; i < 100000; i++ {
		s += i * i % 7
		s ^= i
	}
	println(s)
	n, m := 0, 1
	for n < 1000000 {
		n, m = m, n+m
	}
	println(n, m)
}

package main

func ack(m, n int) int {
	if m == 0 {
		return n + 1
	}
	if n == 0 {
		return ack(m-1, 1)
	}
	return ack(m-1, ack(m, n-1))
}

func main() {
	s := 0
	for i := 0; i < 4; i++ {
		s += ack(2, 100+i)
	}
	println(s, ack(3, 5))
}

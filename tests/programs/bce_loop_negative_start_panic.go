package main

func main() {
	var a [8]int
	for i := 0; i < 8; i++ {
		a[i] = 10 + i
	}
	s := 0
	for i := -1; i < 8; i++ {
		println(s)
		s += a[i]
	}
}

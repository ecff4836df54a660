package main

func main() {
	var a [8]int
	s := 0
	for i := 0; i < 8; i++ {
		a[i] = i
	}
	println(a[7])
	for i := 0; i <= 8; i++ {
		s += a[i]
		println(s)
	}
}

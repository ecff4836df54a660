package main

func main() {
	var a [8]int
	s := 0
	for i := 0; i < 8; i++ {
		s += a[i]
		a[i] = i
		if i == 6 {
			i = 7
			s += a[i] + 1
			i = 8
			println(s)
			s += a[i]
		}
	}
	println(s)
}

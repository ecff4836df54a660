package main

func two() (int, int) {
	return 3, 4
}

func three() (int, bool, int) {
	return 5, true, 6
}

var _ = side()

func side() int {
	println("side effect at init")
	return 0
}

func main() {
	_, b := two()
	a, _ := two()
	_, _ = two()
	_ = a
	_, ok, _ := three()
	println(a, b, ok)
	var _ int = 7
	arr := [3]int{7, 8, 9}
	s := 0
	for _, v := range arr {
		s += v
	}
	for i := range arr {
		s += i
	}
	for range arr {
		s++
	}
	println(s)
	_ = side()
}

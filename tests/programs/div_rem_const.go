package main

// Division and remainder by constants (the compiler turns these into multiplications
// and shifts) of dividends of every sign, including the extremes.

const MinInt = -1 << 63
const MaxInt = 1<<63 - 1

func show(x int) {
	println(x, x/2, x%2, x/8, x%8, x/-8, x%-8, x/7, x%7, x/-7, x%-7)
	println(x/1000003, x%1000003, x/-1000003, x%-1000003, x/3, x%3, x/10, x%10)
	println(x/1, x%1, x/-1, x%-1, x/MinInt, x%MinInt, x/MaxInt, x%MaxInt)
	println(x/(1<<62), x%(1<<62), x/-(1<<62), x%-(1<<62), x/641, x%641, x/6700417, x%6700417)
}

func main() {
	xs := [...]int{0, 1, -1, 2, -2, 7, -7, 8, -8, 9, -9, 13, -13, 1000002, 1000003, -1000003,
		-1000004, 123456789012, -123456789012, MaxInt, MaxInt - 1, MinInt, MinInt + 1, MinInt + 7}
	for _, x := range xs {
		show(x)
	}
	s := 0
	for i := -5000; i < 5000; i += 3 {
		s = s*31 + i/7 + i%7 + i/16 + i%16 + i/-5 + i%-5 + i%1000003
	}
	println(s)
}

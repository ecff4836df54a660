package main

func main() {
	var zeros [2]int
	x := 9223372036854775807
	for i := 0; i < 2; i++ {
		println("iteration", i)
		x /= zeros[i]
	}
	println(x)
}

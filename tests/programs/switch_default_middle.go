package main

func g(n int) int {
	r := 0
	switch n {
	case 1:
		r = 10
	default:
		r = -1
	case 2:
		r = 20
	case 3:
		r = 30
	}
	return r
}

func main() {
	for i := 0; i < 5; i++ {
		print(g(i), " ")
	}
	println()
	for i := 0; i < 4; i++ {
		switch {
		default:
			println("default", i)
		case i == 1:
			println("one")
		case i > 2:
			println("big", i)
		}
	}
	switch x := 7; {
	default:
		println("only default", x)
	}
}

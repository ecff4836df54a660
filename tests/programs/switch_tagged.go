package main

func name(n int) int {
	switch n {
	case 0:
		return 100
	case 1, 2, 3:
		return 200
	case 4:
	case 5:
		return 500
	default:
		return -1
	}
	return 400
}

func f(x int) int {
	print("f", x, " ")
	return x
}

func main() {
	for i := 0; i < 7; i++ {
		println(i, name(i))
	}
	switch x := 3; f(x) {
	case f(1), f(2):
		println("no")
	case f(3), f(4):
		println("three")
	case f(5):
		println("no")
	}
	b := true
	switch b {
	case false:
		println("false")
	case true:
		println("true")
	}
	switch {
	}
	switch y := 2; y * 2 {
	}
	var arr [3]int
	arr[1] = 7
	switch arr[1] {
	case arr[0]:
		println("zero")
	case arr[1]:
		println("seven")
	}
}

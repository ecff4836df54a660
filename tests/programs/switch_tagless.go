package main

func grade(n int) int {
	switch {
	case n >= 90:
		return 4
	case n >= 80:
		return 3
	case n >= 70:
		return 2
	default:
		return 0
	}
}

func main() {
	for _, n := range [...]int{95, 85, 75, 10, 90, 80} {
		print(grade(n), " ")
	}
	println()
	x := 5
	switch {
	case x > 3 && x < 10:
		println("mid")
		x = 100
	case x > 50:
		println("not reached")
	}
	println(x)
	switch y := x / 10; {
	case y == 10:
		println("ten")
	}
	switch true {
	case x == 1:
		println("one")
	case x == 100:
		println("hundred")
	}
}

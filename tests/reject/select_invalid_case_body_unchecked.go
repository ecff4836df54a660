package main

func main() {
	x := 1
	y := 2
	select {
	case x + 1:
		println(y)
	}
}

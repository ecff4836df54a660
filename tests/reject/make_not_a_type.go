package main

func main() {
	y := 1
	x := make(y)
	_ = x
}

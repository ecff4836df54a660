package main

var gp *int

func main() {
	x := 1
	gp = &x
	println(*gp)
}

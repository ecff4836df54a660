package main

func main() {
	x := 1
	var ps [2]*int
	ps[0] = &x
	println(*ps[0])
}

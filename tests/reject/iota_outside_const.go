package main

func main() {
	x := iota
	println(x)
}

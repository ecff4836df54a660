package main

func main() {
	x := make(int)
	println(x)
}

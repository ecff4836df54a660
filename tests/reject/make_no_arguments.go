package main

func main() {
	x := make()
	println(x)
}

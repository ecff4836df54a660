package main

func main() {
	a := 1
	b := true
	println(a + b)
}

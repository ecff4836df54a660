package main

func main() {
	println(compute(3))
}

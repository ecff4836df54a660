package main

func one() int {
	return 1
}

func main() {
	f := one
	println(f())
}

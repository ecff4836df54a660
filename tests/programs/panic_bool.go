package main

func main() {
	ok := 1 < 2
	panic(ok)
}

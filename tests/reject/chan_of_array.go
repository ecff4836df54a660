package main

func main() {
	a := make(chan [2]int, 1)
	_ = a
}

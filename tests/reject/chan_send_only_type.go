package main

func main() {
	var c chan<- int
	_ = c
}

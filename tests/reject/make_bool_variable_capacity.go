package main

func main() {
	b := true
	x := make(chan int, b)
	_ = x
}

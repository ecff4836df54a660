package main

func main() {
	c := make(chan int)
	p := &c
	_ = p
}

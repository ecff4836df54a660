package main

func main() {
	c := (<-chan int)(nil)
	_ = c
}

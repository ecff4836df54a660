package main

func main() {
	a := make(chan int, 1)
	v, ok := <-a
	println(v)
}

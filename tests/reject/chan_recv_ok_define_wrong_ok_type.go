package main

func main() {
	a := make(chan int, 1)
	var ok int
	v, ok := <-a
	println(v, ok)
}

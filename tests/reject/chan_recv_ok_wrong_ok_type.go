package main

func main() {
	ch := make(chan int)
	var v int
	var ok int
	v, ok = <-ch
	println(v, ok)
}

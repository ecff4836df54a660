package main

func main() {
	ch := make(chan int)
	var v bool
	var ok bool
	v, ok = <-ch
	println(v, ok)
}

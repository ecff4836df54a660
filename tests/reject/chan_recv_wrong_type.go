package main

func main() {
	ch := make(chan bool)
	var x int
	x = <-ch
	println(x)
}

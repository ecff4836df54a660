package main

func main() {
	a := make(chan int, 1)
	var b, c int
	select {
	case b, c = <-a:
	}
	println(b, c)
}

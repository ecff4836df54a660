package main

func main() {
	a := make(chan int, 1)
	var b bool
	select {
	case b = <-a:
	}
	println(b)
}

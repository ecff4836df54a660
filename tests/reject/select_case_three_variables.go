package main

func main() {
	ch := make(chan int)
	select {
	case a, b, c := <-ch:
		println(a, b, c)
	}
}

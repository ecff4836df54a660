package main

func main() {
	ch := make(chan int)
	select {
	case v, ok := <-ch:
		println(v)
	}
}

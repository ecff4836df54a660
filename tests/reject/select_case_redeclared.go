package main

func main() {
	a := make(chan int, 1)
	select {
	case v := <-a:
		v := 2
		println(v)
	}
}

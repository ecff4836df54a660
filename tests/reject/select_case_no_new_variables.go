package main

func main() {
	a := make(chan int, 1)
	select {
	case _ := <-a:
	}
}

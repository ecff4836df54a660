package main

func main() {
	a := make(chan int, 2)
	x := <-<-a
	_ = x
}

package main

func main() {
	ch := make(chan int)
	a, b, c := <-ch
	println(a, b, c)
}

package main

func main() {
	ch := make(chan int)
	x := close(ch)
	println(x)
}

package main

func main() {
	ch := make(chan int)
	var b bool
	for b = range ch {
	}
	println(b)
}

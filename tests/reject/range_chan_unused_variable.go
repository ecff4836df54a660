package main

func main() {
	ch := make(chan int)
	for v := range ch {
	}
}

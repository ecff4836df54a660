package main

func main() {
	ch := make(chan int)
	for i, v := range ch {
		println(i, v)
	}
}

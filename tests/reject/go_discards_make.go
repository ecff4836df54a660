package main

func main() {
	go make(chan int)
}

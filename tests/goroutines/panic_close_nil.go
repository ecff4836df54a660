package main

func main() {
	var c chan bool
	println("nil")
	close(c)
}

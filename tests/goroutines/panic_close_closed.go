package main

func main() {
	c := make(chan bool)
	close(c)
	println("closed")
	close(c)
}

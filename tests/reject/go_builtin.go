package main

func main() {
	go println(1)
}

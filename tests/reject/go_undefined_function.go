package main

func main() {
	go g()
}

package main

func main() {
	x := 1
	go x
}

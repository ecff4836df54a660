package main

func main() {
	var a [3]int
	go len(a)
}

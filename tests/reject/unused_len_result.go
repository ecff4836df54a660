package main

func main() {
	var a [4]int
	len(a)
}

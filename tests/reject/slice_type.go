package main

func main() {
	var s []int
	println(len(s))
}

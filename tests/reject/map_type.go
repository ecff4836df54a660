package main

func main() {
	var m map[int]int
	println(len(m))
}

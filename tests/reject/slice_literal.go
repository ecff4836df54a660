package main

func main() {
	s := []int{1, 2, 3}
	println(s[1])
}

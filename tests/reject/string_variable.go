package main

func main() {
	s := "hello"
	println(s)
}

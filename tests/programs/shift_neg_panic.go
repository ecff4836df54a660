package main

func main() {
	s := 3
	println(1 << s)
	s -= 4
	println("about to shift by", s)
	println(1 << s)
}

package main

func main() {
	x := 'a'
	println(x)
}

package main

func main() {
	println(2.5e3)
}

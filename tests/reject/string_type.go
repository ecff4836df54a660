package main

func show(s string) {
	println(s)
}

func main() {
	show("x")
}

package main

const greeting = "hi"

func main() {
	println(greeting)
}

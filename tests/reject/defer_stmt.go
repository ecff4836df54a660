package main

func main() {
	defer println("deferred")
	println("first")
}

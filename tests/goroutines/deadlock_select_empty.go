package main

func main() {
	println("before")
	select {}
}

package main

import "os"

func main() {
	println(1)
}

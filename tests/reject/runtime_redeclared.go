package main

import "runtime"

var runtime = 1

func main() {
	println(runtime)
}

package main

import "runtime"

func main() {
	x := runtime
	_ = x
}

package main

import "runtime"

func main() {
	println(runtime.NumGoroutine(1))
}

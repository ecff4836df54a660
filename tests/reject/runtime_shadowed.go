package main

import "runtime"

func main() {
	runtime := 1
	runtime.Gosched()
}

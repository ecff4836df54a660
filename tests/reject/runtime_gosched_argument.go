package main

import "runtime"

func main() {
	runtime.Gosched(1)
}

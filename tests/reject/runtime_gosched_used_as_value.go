package main

import "runtime"

func main() {
	x := runtime.Gosched()
	_ = x
}

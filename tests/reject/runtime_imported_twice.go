package main

import "runtime"
import "runtime"

func main() {
	runtime.Gosched()
}

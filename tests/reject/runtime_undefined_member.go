package main

import "runtime"

func main() {
	runtime.Foo()
}

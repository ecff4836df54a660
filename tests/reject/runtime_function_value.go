package main

import "runtime"

func main() {
	f := runtime.Gosched
	f()
}

package main

import "runtime"

func main() {
	go runtime.Gosched()
}

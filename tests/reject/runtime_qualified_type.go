package main

import "runtime"

func main() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
}

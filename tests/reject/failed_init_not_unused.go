package main

// A variable whose initializer failed is not reported unused (Go); the one after is.
func main() {
	x := undefinedf()
	var z int = w
	y := 2
}

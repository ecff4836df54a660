package main

// A shift of a variable by a constant count of 1074 or more is valid Go (only constant
// shifts are bounded); the result is 0.

func main() {
	x := 1
	println(x << 1075, x >> 1074)
}

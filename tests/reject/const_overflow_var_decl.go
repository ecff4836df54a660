package main

var big int = 1 << 64

func main() {
	println(big)
}

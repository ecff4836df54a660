package main

func main() {
	x := 1
	f := func() int { return x + 1 }
	println(f())
}

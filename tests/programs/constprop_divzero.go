package main

// A division by a local known to be zero is not folded: it is the run-time panic, after
// the output before it (src/codegen/constprop.rs).

func main() {
	d := 10
	d -= 10
	e := 5
	println(e << 2)
	sh := -1
	if d == 0 {
		println("zero")
	}
	println(e / (d + 1))
	_ = sh
	println(e / d)
}

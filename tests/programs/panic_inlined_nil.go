package main

// A nil dereference inside an inlined function.

func load(p *int) int {
	return *p + 1
}

func main() {
	x := 41
	println(load(&x))
	var q *int
	if x > 0 {
		println(load(q))
	}
	println("unreachable")
}

package main

// Indexing through a nil *[N]bool panics (nil dereference), never a crash.

func get(p *[3]bool, i int) bool {
	return p[i]
}

func main() {
	var a [3]bool
	a[1] = true
	println(get(&a, 1), get(&a, 2))
	var p *[3]bool
	println(get(p, 1))
}

package main

func f(d int) int {
	var seen [8192]bool
	seen[d%8192] = true
	if d == 0 {
		return 1
	}
	n := f(d - 1)
	if seen[d%8192] {
		n++
	}
	return n
}

func main() {
	println(f(50000))
}

package main

func count(p *[4]int) int {
	n := 0
	for i := range p {
		n += i
	}
	return n + len(p)
}

func main() {
	var p *[4]int
	println(len(p), p == nil)
	println(count(p))
	for range p {
		print(".")
	}
	println()
	var a [4]int
	p = &a
	println(len(p), p == nil, p != nil, count(p))
}

package main

func main() {
	var p *[3]int
	n := 0
	for i := range p {
		n += i
	}
	println(n)
	for _, v := range p {
		n += v
	}
	println(n)
}

package main

var counter int

func bump(p *int) {
	*p++
}

func main() {
	bump(&counter)
	println(counter)
}

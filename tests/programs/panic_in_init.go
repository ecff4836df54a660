package main

var table = build()

func build() [4]int {
	var t [4]int
	for i := 0; i < 5; i++ {
		t[i] = i
	}
	return t
}

func main() {
	println("main never runs", table[0])
}

package main

// The right side's index panic comes before the left side's nil check.

func main() {
	var p *int
	var b [2]int
	k := 5
	*p = b[k]
	println(b[0])
}

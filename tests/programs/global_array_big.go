package main

var big [100000]int
var sq [50][50]int

func main() {
	for i := range big {
		big[i] = i % 97
	}
	s := 0
	for _, v := range big {
		s += v
	}
	for i := 0; i < 50; i++ {
		sq[i][49-i] = i
	}
	println(s, sq[10][39], len(big))
}

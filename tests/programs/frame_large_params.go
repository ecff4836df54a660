package main

func byValue(a [1024]int, depth int) int {
	a[depth] = depth
	if depth == 0 {
		return a[0] + a[1023]
	}
	return byValue(a, depth-1) + a[depth]
}

func makeBig(n int) [2048]int {
	var r [2048]int
	for i := range r {
		r[i] = i * n
	}
	return r
}

func main() {
	var a [1024]int
	a[1023] = 7
	println(byValue(a, 100), a[100])
	b := makeBig(3)
	println(b[2047], b[0], len(b))
	println(makeBig(2)[1000])
}

package main

func main() {
	var a [5]int
	for i := 0; i < len(a); i++ {
		a[i] = i * 3
	}
	println(a[0], a[1], a[2], a[3], a[4], len(a))
	a[a[1]] = 77
	println(a[3])
	var b [3]bool
	b[1] = true
	println(b[0], b[1], b[2])
	idx := 4
	a[idx-1] += a[idx]
	println(a[3])
	var z [0]int
	println(len(z))
	const n = 4
	var c [n * 2]int
	println(len(c))
	var d [1 << 3]bool
	println(len(d))
}

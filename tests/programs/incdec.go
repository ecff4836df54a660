package main

var g int

func main() {
	i := 0
	i++
	i++
	i--
	println(i)
	var a [3]int
	a[1]++
	a[1]++
	a[2]--
	println(a[0], a[1], a[2])
	p := &a[0]
	*p++
	*p++
	println(a[0])
	g++
	g--
	g--
	println(g)
	m := 9223372036854775807
	m++
	println(m)
	m--
	println(m)
	var b [2][2]int
	b[1][0]++
	println(b[1][0])
}

package main

func main() {
	var a [5]bool
	i := 1 << 40
	println(a[i])
}

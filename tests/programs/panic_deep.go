package main

func dive(n int) int {
	var pad [64]int
	pad[n%64] = n
	if n == 0 {
		var a [2]int
		k := pad[0] + 5
		return a[k]
	}
	return dive(n-1) + pad[n%64]
}

func main() {
	println("diving")
	println(dive(10000))
}

package main

// A panic after a named array result living in the caller's result area has been
// assigned: the program stops there, as under Go.

func fill(n int) (r [4]int) {
	r = [4]int{1, 2, 3, 4}
	println("filled", r[0]+r[3])
	r[n] = 5
	println("not reached")
	return
}

func main() {
	var a [4]int
	a = fill(1)
	println(a[1])
	a = fill(4)
	println(a[0])
}

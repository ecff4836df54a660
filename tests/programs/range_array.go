package main

func main() {
	arr := [5]int{10, 20, 30, 40, 50}
	for i, v := range arr {
		print(i, ":", v, " ")
	}
	println()
	for i, v := range arr {
		arr[4-i] = v * 2
		if i == 0 {
			arr[1] = -1
		}
		print(v, " ")
	}
	println()
	println(arr[0], arr[1], arr[2], arr[3], arr[4])
	b := [3]int{1, 2, 3}
	for i := range b {
		b[i] *= 10
	}
	println(b[0], b[1], b[2])
	var i, v int
	for i, v = range b {
	}
	println(i, v)
	n := 0
	for range b {
		n++
	}
	println(n)
	var e [0]int
	for range e {
		println("never")
	}
	grid := [2][3]int{{1, 2, 3}, {4, 5, 6}}
	for r, row := range grid {
		for c, x := range row {
			print(r, c, x, " ")
		}
	}
	println()
	flags := [4]bool{true, false, true}
	for k, f := range flags {
		if f {
			print(k)
		}
	}
	println()
	c := 0
	for _, x := range [...]int{1, 2, 3, 4} {
		c += x
	}
	println(c)
}

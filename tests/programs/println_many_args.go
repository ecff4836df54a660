package main

func main() {
	println(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)
	print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "\n")
	a := [3]int{7, 8, 9}
	println(a[0], true, "x", -1, a[2], false, "", a[1])
}

package main

// An array kept in registers assigned whole from a row chosen at run time: the row's
// index is still checked, before the print that follows.

func f(i int) int {
	grid := [3][2]int{{1, 2}, {3, 4}, {5, 6}}
	row := grid[i]
	println("row", i)
	return row[1]
}

func main() {
	println(f(2))
	println(f(3))
}

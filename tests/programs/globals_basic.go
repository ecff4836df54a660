package main

var g int
var arr [5]int
var flag bool
var grid [3][3]int
var init1 = [4]int{1, 2, 3, 4}

func bump() {
	g++
	arr[g%5] += g
	flag = !flag
	grid[g%3][(g+1)%3] = g
}

func main() {
	for i := 0; i < 7; i++ {
		bump()
	}
	println(g, flag)
	for _, v := range arr {
		print(v, " ")
	}
	println()
	for i := 0; i < 3; i++ {
		println(grid[i][0], grid[i][1], grid[i][2])
	}
	init1[2] *= 10
	println(init1[0], init1[1], init1[2], init1[3])
	copyOf := init1
	copyOf[0] = 99
	println(init1[0], copyOf[0])
}

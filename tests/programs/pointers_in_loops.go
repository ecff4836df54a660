package main

func main() {
	var a [6]int
	p := &a[0]
	for i := 0; i < len(a); i++ {
		q := &a[i]
		*q = i * 11
		if q == p {
			println("first", i)
		}
		if *q > *p {
			p = q
		}
	}
	println(*p, p == &a[5])
	var grid [3][3]int
	for i := range grid {
		row := &grid[i]
		for j := range row {
			row[j] = i*3 + j
		}
	}
	println(grid[2][1], grid[1][2])
	x, y := 1, 2
	pick := &x
	for k := 0; k < 5; k++ {
		if k%2 == 0 {
			pick = &y
		} else {
			pick = &x
		}
		*pick += k
	}
	println(x, y, pick == &y)
}

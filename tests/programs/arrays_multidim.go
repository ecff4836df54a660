package main

func main() {
	var m [3][4]int
	for i := 0; i < 3; i++ {
		for j := 0; j < 4; j++ {
			m[i][j] = i*10 + j
		}
	}
	for i := 0; i < 3; i++ {
		println(m[i][0], m[i][1], m[i][2], m[i][3])
	}
	println(len(m), len(m[0]))
	row := m[1]
	row[0] = -1
	println(m[1][0], row[0])
	m[2] = row
	println(m[2][0], m[2][3])
	var cube [2][3][4]int
	cube[1][2][3] = 5
	cube[0][1][2] = cube[1][2][3] * 2
	s := 0
	for _, plane := range cube {
		for _, r := range plane {
			for _, v := range r {
				s += v
			}
		}
	}
	println(s, len(cube[1]), len(cube[1][2]))
	var bm [2][2]bool
	bm[1][0] = true
	println(bm[0][0], bm[1][0])
}

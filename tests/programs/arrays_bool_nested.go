package main

// Nested bool arrays ([3][5]bool is 15 bytes, [4][3]bool 12, [2][3][5]bool 30): element
// and row access, row assignment and comparison, whole copies, rows as arguments,
// pointers to rows and to elements, range over rows.

func countRow(r [5]bool) int {
	n := 0
	for _, v := range r {
		if v {
			n++
		}
	}
	return n
}

func show(g [3][5]bool) {
	for _, row := range g {
		for _, v := range row {
			if v {
				print("#")
			} else {
				print(".")
			}
		}
		print(" ")
	}
	println()
}

func setRow(p *[5]bool, k int) {
	for i := 0; i < len(p); i++ {
		p[i] = (i+k)%2 == 0
	}
}

func set(p *bool, v bool) {
	*p = v
}

func transpose(m [4][3]bool) [3][4]bool {
	var t [3][4]bool
	for i := 0; i < 4; i++ {
		for j := 0; j < 3; j++ {
			t[j][i] = m[i][j]
		}
	}
	return t
}

func main() {
	var before [7]bool
	var g [3][5]bool
	var after [7]bool
	for i := range before {
		before[i] = true
		after[i] = true
	}
	show(g)
	g[1][2] = true
	g[2][4] = true
	g[0][0] = true
	show(g)
	println(len(g), len(g[0]), countRow(g[0]), countRow(g[1]), countRow(g[2]))
	g[1] = [5]bool{true, true, false, true, true}
	show(g)
	g[0] = g[1]
	show(g)
	println(g[0] == g[1], g[1] == g[2], g[0] != g[2])
	setRow(&g[2], 1)
	show(g)
	set(&g[0][2], true)
	set(&g[2][0], true)
	show(g)
	h := g
	h[1][1] = false
	println(h == g, h[0] == g[0], h[1] == g[1])
	h = g
	println(h == g)
	var z [3][5]bool
	g = z
	show(g)
	println(g == z, g == [3][5]bool{})
	lit := [3][5]bool{{true}, 2: {4: true, 1: true}}
	show(lit)

	m := [4][3]bool{{true, false, false}, {false, true, false}, {false, false, true}, {true, true, true}}
	t := transpose(m)
	for _, row := range t {
		for _, v := range row {
			print(v, " ")
		}
		println()
	}
	println(t == transpose(m), t[0] == [4]bool{true, false, false, true})

	var cube [2][3][5]bool
	for i := 0; i < 2; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 5; k++ {
				cube[i][j][k] = (i+j*k)%3 == 1
			}
		}
	}
	n := 0
	for _, plane := range cube {
		show(plane)
		for _, row := range plane {
			n += countRow(row)
		}
	}
	cube[1] = cube[0]
	println(n, cube[0] == cube[1], cube[0][1] == cube[1][1])
	cube[1][2] = [5]bool{}
	println(cube[0] == cube[1], countRow(cube[0][2]), countRow(cube[1][2]))

	ok := true
	for i := range before {
		ok = ok && before[i] && after[i]
	}
	println("neighbours intact:", ok)
}

package main

// Pointers into older segments written from newer ones: main's array and a local of a
// frame half-way down are updated by frames many segments deeper.

func deeper(d int, top *[8]int, mid *int, cell *int) int {
	var pad [12]int
	pad[d%12] = d
	top[d%8] += d
	*mid += 1
	*cell = *cell + pad[d%12]
	if d == 0 {
		return *mid
	}
	return deeper(d-1, top, mid, cell) + pad[d%12]
}

func middle(d int, top *[8]int) int {
	mid := 0
	cell := 7
	var pad [12]int
	if d == 0 {
		r := deeper(1500, top, &mid, &cell)
		return r + mid + cell + pad[0]
	}
	return middle(d-1, top)
}

func main() {
	var top [8]int
	r := middle(800, &top)
	println(r)
	for i := 0; i < 8; i++ {
		print(top[i], " ")
	}
	println()
	p := &top[3]
	x := middle(300, &top)
	println(x, *p, top[3])
}

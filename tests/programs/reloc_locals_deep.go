package main

// Pointers to locals, to array elements and to parameters passed down recursions deep
// enough to move a small stack many times; each level writes through every pointer it
// was given and checks it against its own view of the value.

func down(d int, total *int, cell *int, arr *[4]int, own int) int {
	var pad [16]int
	pad[d%16] = d
	local := d * 3
	p := &local
	q := &pad[d%16]
	*total += d
	*cell = *cell ^ d
	arr[d%4] += own
	if d == 0 {
		return *p + *q + *total + arr[0]
	}
	r := down(d-1, total, p, arr, own+1)
	// local was changed by the callee through p (as its cell).
	return (r + local + *q + *p) % 1000000007
}

func param(n int, v int) int {
	pv := &v
	if n == 0 {
		return *pv
	}
	x := param(n-1, v+1)
	*pv += x
	return *pv % 1000003
}

func main() {
	total := 0
	cell := 7
	var arr [4]int
	r := down(3000, &total, &cell, &arr, 1)
	println(r, total, cell, arr[0], arr[1], arr[2], arr[3])
	println(param(5000, 1))
}

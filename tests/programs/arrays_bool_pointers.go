package main

// Pointers into bool arrays and to bools (one byte each): p[i] and (*p)[i] on *[N]bool,
// *p = literal, len and range through the pointer, &a[i] as a *bool (a store through it
// writes one byte only), &b of address-taken bool locals and parameters, and pointers
// into bool arrays kept across deep recursion (the copying strategy moves the stack).

func fill(p *[7]bool, k int) {
	for i := range p {
		p[i] = i%k == 0
	}
}

func count(p *[7]bool) int {
	n := 0
	for _, v := range p {
		if v {
			n++
		}
	}
	return n
}

func set(p *bool, v bool) {
	*p = v
}

func toggle(p *bool) {
	*p = !*p
}

func negate(b bool) bool {
	p := &b
	toggle(p)
	return b
}

func show(a [7]bool) {
	for _, v := range a {
		if v {
			print(1)
		} else {
			print(0)
		}
	}
	println()
}

// deep recurses while holding pointers into its own bool array and into the caller's.
func deep(n int, up *[33]bool, cell *bool) int {
	var mine [33]bool
	mine[n%33] = true
	p := &mine[(n+1)%33]
	*p = n%2 == 0
	*cell = !*cell
	r := 0
	if n > 0 {
		r = deep(n-1, &mine, &mine[n%33])
	}
	// After the calls (the stack may have moved): the pointers still reach our array.
	if *p != (n%2 == 0) {
		r += 1000
	}
	if up[(n+1)%33] {
		r++
	}
	for _, v := range mine {
		if v {
			r++
		}
	}
	return r
}

func main() {
	var lo [3]bool
	var a [7]bool
	var hi [3]bool
	lo = [3]bool{true, true, true}
	hi = lo
	fill(&a, 2)
	show(a)
	println(count(&a), len(&a))
	fill(&a, 3)
	show(a)
	p := &a
	p[1] = true
	(*p)[2] = true
	show(a)
	println(p[0], (*p)[1], p[6], a == *p)
	*p = [7]bool{6: true}
	show(a)
	q := &a[3]
	*q = true
	show(a)
	set(&a[4], true)
	set(&a[6], false)
	set(&a[0], true)
	show(a)
	toggle(&a[5])
	toggle(&a[3])
	show(a)
	println(lo == hi, lo == [3]bool{true, true, true})

	b := true
	pb := &b
	c := false
	pc := &c
	*pb = false
	toggle(pc)
	println(b, c, *pb, *pc)
	set(pb, true)
	println(b, negate(b), negate(false))

	var cells [5]bool
	for i := 0; i < 5; i++ {
		toggle(&cells[i])
		if i%2 == 0 {
			toggle(&cells[i])
		}
	}
	println(cells[0], cells[1], cells[2], cells[3], cells[4])

	var top [33]bool
	t := false
	println(deep(200, &top, &t), t)
	show(a)
}

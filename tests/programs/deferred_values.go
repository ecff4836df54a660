package main

// Locals assigned once and read once may be computed where they are read when nothing
// they depend on can change in between; every case where something does change in
// between must still see the value at the assignment, as Go does.

var g int
var tab [8]int
var ro [8]int
var flag bool

func bump() {
	g++
	tab[g&7] += 10
}

func setTab(i, v int) {
	tab[i&7] = v
}

func inc(p *int) {
	*p += 1
}

func stableSum(b0, b1, b2 int) int {
	a0 := ro[b0&7] + 1
	a1 := ro[(b1+1)&7] * 2
	a2 := ro[(b2+2)&7] - 3
	a3 := a0 + a1
	a4 := a2 % 5
	a5 := a3 >> 1
	s := 0
	s += a0 + a1 + a2 + a3 + a4 + a5
	return s
}

func changedByCall(k int) int {
	a := g
	b := tab[k&7]
	bump()
	return a*1000 + b + g
}

func changedHere(k int) int {
	a := tab[k&7]
	tab[k&7] = 99
	return a
}

func changedByInlined(k int) int {
	a := tab[k&7]
	setTab(k, 77)
	return a + tab[k&7]
}

func paramChanged(x int) int {
	a := x * 2
	x = 100
	return a + x
}

func localChanged(x int) int {
	y := x + 1
	a := y * 3
	y = 0
	return a + y
}

func throughPointer(x int) int {
	y := x
	a := y + 1
	inc(&y)
	return a*10 + y
}

func inLoop(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		a := ro[i&7]
		b := a + i
		s += b
	}
	return s
}

func usedInInnerLoop(n int) int {
	a := ro[n&7] + 5
	s := 0
	for i := 0; i < 3; i++ {
		s += a
	}
	return s
}

func conditional(x int) int {
	a := ro[x&7] + 7
	if x > 3 && a > 8 {
		return 1
	}
	return 2
}

func boolGlobal(x int) bool {
	b := flag
	flag = !flag
	c := !b
	return c == flag && x > 0
}

func main() {
	for i := range ro {
		ro[i] = i*i - 3
	}
	println(stableSum(1, 2, 3), stableSum(7, 7, 7))
	println(changedByCall(3), changedByCall(3))
	println(changedHere(2), tab[2])
	println(changedByInlined(5), tab[5])
	println(paramChanged(4), localChanged(4), throughPointer(4))
	println(inLoop(10), usedInInnerLoop(6))
	println(conditional(2), conditional(5))
	println(boolGlobal(1), boolGlobal(1), flag)
}

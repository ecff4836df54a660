package main

// Small leaf functions (no calls, no arrays, no addresses taken) are inlined at their call
// sites: results, early returns, loops, switches, globals, pointers and prints must
// behave exactly as calls do, in Go's evaluation order.

var total int
var tab [4]int
var log int

func sink(x int) int {
	total = total*31 + x
	return x
}

func note(d int) int {
	log = log*10 + d
	return d
}

func pair(a, b int) (int, int) {
	return b, a
}

func sign(x int) int {
	if x < 0 {
		return -1
	}
	if x == 0 {
		return 0
	}
	return 1
}

func named(x int) (q, r int, ok bool) {
	if x < 0 {
		return
	}
	q, r = x/7, x%7
	ok = true
	return
}

func collatz(n int) int {
	s := 0
	for n != 1 {
		if n%2 == 0 {
			n /= 2
		} else {
			n = 3*n + 1
		}
		s++
	}
	return s
}

func classify(x int) int {
	switch {
	case x < 10:
		return 1
	case x < 100:
		return 2
	}
	switch x % 3 {
	case 0:
		return 30
	case 1:
		return 31
	default:
		return 32
	}
}

func bump(p *int, by int) {
	*p += by
}

func get(p *[4]int, i int) int {
	return p[i&3]
}

func loud(x int) int {
	println("loud", x)
	return x * 2
}

func noResult(x int) {
	total += x
	if x > 5 {
		return
	}
	total++
}

func shadow(i int) int {
	j := i * 2
	for k := 0; k < 3; k++ {
		j += k
	}
	return j
}

func not(b bool) bool {
	return !b
}

func main() {
	s := 0
	for i := 0; i < 20; i++ {
		s += sink(i) + sink(i*i)
	}
	println(s, total)
	a, b := pair(1, 2)
	println(a, b)
	a, b = pair(b, a)
	println(a, b)
	println(sign(-5), sign(0), sign(9))
	q, r, ok := named(45)
	println(q, r, ok)
	q, r, ok = named(-1)
	println(q, r, ok)
	println(collatz(27), collatz(97))
	println(classify(5), classify(50), classify(300), classify(301), classify(302))
	x := 10
	bump(&x, 5)
	bump(&x, x)
	println(x)
	var arr [4]int
	arr[2] = 7
	println(get(&arr, 2), get(&arr, 6))
	// Calls are evaluated left to right before the rest of the expression.
	log = 0
	y := note(1)*100 + note(2)*10 + note(3)
	println(y, log)
	log = 0
	println(note(4)-note(5), log, note(6))
	tab[1] = note(7)
	tab[note(2)] = note(3)
	println(tab[1], tab[2], tab[3], log)
	println(loud(1)+loud(2), loud(3))
	total = 0
	noResult(3)
	noResult(8)
	println(total)
	for i := 0; i < 3; i++ {
		println(shadow(i))
	}
	println(not(true), not(1 > 2))
	if sink(1) == 1 && sink(2) == 3 || sink(4) == 4 {
		println("cond", total)
	}
}

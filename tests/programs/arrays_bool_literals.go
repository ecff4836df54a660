package main

// Bool array composite literals: full, [...], keyed, partial, nested, with elements that
// are computed or come from calls; compared directly with literals.

func even(i int) bool {
	return i%2 == 0
}

func bits(a [10]bool) int {
	n := 0
	for i := len(a) - 1; i >= 0; i-- {
		n = n * 2
		if a[i] {
			n++
		}
	}
	return n
}

func main() {
	a := [...]bool{true, false, true, true}
	println(len(a), a[0], a[1], a[2], a[3])
	b := [10]bool{3: true, 9: true}
	println(bits(b))
	c := [10]bool{true, 5: true, true, 9: even(2)}
	println(bits(c))
	x := 3
	d := [10]bool{even(x), even(x + 1), x > 2, 7: x == 3, !even(x)}
	println(bits(d))
	println(a == [4]bool{true, false, true, true}, a == [...]bool{true, false, true, false})
	e := [3][4]bool{1: a, 2: {false, true}}
	println(e[0] == [4]bool{}, e[1] == a, e[2][1], e[2][2])
	var f [100]bool
	f = [100]bool{0: true, 50: true, 99: true}
	n := 0
	for i, v := range f {
		if v {
			n += i
		}
	}
	println(n)
	g := [33]bool{32: true}
	h := [33]bool{32: true}
	println(g == h, g != h, g == [33]bool{31: true})
	println([2]bool{true, false} == [2]bool{true, false}, [1]bool{} != [1]bool{false})
}

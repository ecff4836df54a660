package main

func main() {
	a := [3]int{1, 2, 3}
	b := [3]int{1, 2, 3}
	c := [3]int{1, 2, 4}
	println(a == b, a != b, a == c, a != c)
	g1 := [2][2]int{{1, 2}, {3, 4}}
	g2 := g1
	println(g1 == g2)
	g2[1][1] = 5
	println(g1 == g2, g1[0] == g2[0], g1[1] != g2[1])
	f1 := [2]bool{true, false}
	f2 := [2]bool{true}
	println(f1 == f2, f1 != [2]bool{})
	var z [0]int
	var z2 [0]int
	println(z == z2)
	if a == [3]int{1, 2, 3} {
		println("literal equal")
	}
	p := &a
	println(*p == b)
	big1 := [50]int{49: 1}
	big2 := [50]int{49: 1}
	println(big1 == big2)
	big2[0] = 1
	println(big1 == big2)
}

package main

func main() {
	xs := [...]int{-3, 0, 5, 5, -9223372036854775807 - 1, 9223372036854775807}
	for i := 0; i < len(xs)-1; i++ {
		a, b := xs[i], xs[i+1]
		println(a, b, a == b, a != b, a < b, a <= b, a > b, a >= b)
	}
	t, f := true, false
	println(t == f, t != f, t == true, f == false, !t == f)
	println(1 < 2 == true, (3 > 4) != (5 > 6))
}

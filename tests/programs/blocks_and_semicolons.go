package main

/* block comment
   spanning lines */
func f(a int,
	b int,
) int {
	return a +
		b
}

func main() {
	x := 1; y := 2
	{
		x := 10
		{
			y = x + y
		}
	}
	println(x, y) // trailing comment
	println(f(1,
		2), /* inline */ 3)
	if x > 0 { println("one-line if") }
	for i := 0; i < 2; i++ { print(i); }
	println()
	var z = [3]int{
		1,
		2,
		3,
	}
	println(z[0]+
		z[1]+
		z[2], len(z))
}

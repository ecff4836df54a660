package main

const MaxInt = 1<<63 - 1
const MinInt = -1 << 63

func main() {
	print(1, 2, "a", true)
	print("\n")
	println(1, 2, "a", true)
	println()
	println(-1, -0, 0, +5)
	println(MaxInt, MinInt)
	x := MinInt
	println(x, -x, x-1)
	print(-7, -8, "\n")
	println(true, false, !true)
	b := 3 > 2
	print(b, " ", !b, "\n")
	println("")
	println("", "")
	print()
	println("a", "b", "c")
	print("no", "sep", 1, 2, 3, false, "\n")
	println(1000000, 1000000000000, -999999999999999)
}

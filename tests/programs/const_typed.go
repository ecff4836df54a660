package main

const N int = 10
const Flag bool = true
const M = N * 2

const (
	T1 int = iota * 3
	T2
	T3
)

func f(n int) int {
	const k int = 7
	return n * k
}

func main() {
	var a [N]int
	var b [M]bool
	println(len(a), len(b), N, M, Flag)
	println(T1, T2, T3)
	println(f(N), f(-1))
	const local bool = !Flag
	println(local)
	x := N
	x += T3
	println(x)
	if Flag {
		println("flag")
	}
}

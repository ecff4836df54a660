package main

var moves int

func hanoi(n, from, to, via int, pegs *[3]int) {
	if n == 0 {
		return
	}
	hanoi(n-1, from, via, to, pegs)
	pegs[from]--
	pegs[to]++
	moves++
	hanoi(n-1, via, to, from, pegs)
}

func main() {
	pegs := [3]int{12, 0, 0}
	hanoi(12, 0, 2, 1, &pegs)
	println(moves, pegs[0], pegs[1], pegs[2])
}

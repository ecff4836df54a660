// Pointers into the stack, passed down through recursion and written through: exactly
// what a stack that moves must keep valid.
package main

func fill(p *[10]int, n int, sum *int) {
	if n == 0 {
		return
	}
	p[n-1] = n * n
	*sum += n * n
	fill(p, n-1, sum)
}

func swap(a, b *int) {
	*a, *b = *b, *a
}

func main() {
	var squares [10]int
	sum := 0
	fill(&squares, len(squares), &sum)
	swap(&squares[0], &squares[9])
	for _, v := range squares {
		print(v, " ")
	}
	println()
	println("sum:", sum)
}

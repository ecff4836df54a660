package main

// Grows deep, comes back and prints (a safe point where the stack, now mostly unused,
// is halved), then grows deep again: the copying strategy should grow back into the
// stack it kept instead of mapping a new one. A pointer to main's local rides along.

func dive(n int, acc *int) int {
	var pad [8]int
	pad[n%8] = n
	*acc += 1
	if n == 0 {
		return pad[0]
	}
	return dive(n-1, acc) + pad[n%8]%3
}

func main() {
	count := 0
	for round := 0; round < 6; round++ {
		r := dive(4000+round, &count)
		println(round, r, count)
	}
}

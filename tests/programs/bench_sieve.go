package main

// Sieve of Eratosthenes over a 64 KiB bool array in the frame, repeated:
// tight loops, array indexing with bounds checks, no calls in the hot loop.
func sieve(n int) int {
	var composite [1 << 16]bool
	count := 0
	for i := 2; i < n; i++ {
		if !composite[i] {
			count++
			for j := i * i; j < n; j += i {
				composite[j] = true
			}
		}
	}
	return count
}

func main() {
	total := 0
	for r := 0; r < 3; r++ {
		total += sieve(1<<16 - r)
	}
	println(total)
}

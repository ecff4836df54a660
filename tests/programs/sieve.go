package main

const N = 10000

var composite [N + 1]bool

func main() {
	count := 0
	last := 0
	for i := 2; i <= N; i++ {
		if composite[i] {
			continue
		}
		count++
		last = i
		for j := i * i; j <= N; j += i {
			composite[j] = true
		}
	}
	println(count, last)
}

package main

const N = 200

func bubble(p *[N]int) int {
	swaps := 0
	for i := 0; i < len(p); i++ {
		for j := 0; j+1 < len(p)-i; j++ {
			if p[j] > p[j+1] {
				p[j], p[j+1] = p[j+1], p[j]
				swaps++
			}
		}
	}
	return swaps
}

func quick(p *[N]int, lo, hi int) {
	if lo >= hi {
		return
	}
	pivot := p[(lo+hi)/2]
	i, j := lo, hi
	for i <= j {
		for p[i] < pivot {
			i++
		}
		for p[j] > pivot {
			j--
		}
		if i <= j {
			p[i], p[j] = p[j], p[i]
			i++
			j--
		}
	}
	quick(p, lo, j)
	quick(p, i, hi)
}

func sorted(a [N]int) bool {
	for i := 1; i < N; i++ {
		if a[i-1] > a[i] {
			return false
		}
	}
	return true
}

func main() {
	var a [N]int
	seed := 12345
	for i := range a {
		seed = (seed*1103515245 + 12345) % 2147483648
		a[i] = seed % 1000
	}
	b := a
	println(sorted(a), bubble(&a), sorted(a))
	quick(&b, 0, N-1)
	println(sorted(b), a == b, a[0], a[N-1], b[N/2])
}

package main

// Recursive quicksort of a 2 000-element array in main's frame, through a pointer
// passed down every call: the pointer is live across the recursive calls, so under
// stack copying it must be found and relocated, and it is the hot loop's base address.
const N = 2000

func partition(a *[N]int, lo int, hi int) int {
	p := a[(lo+hi)/2]
	i, j := lo-1, hi+1
	for {
		i++
		for a[i] < p {
			i++
		}
		j--
		for a[j] > p {
			j--
		}
		if i >= j {
			return j
		}
		a[i], a[j] = a[j], a[i]
	}
}

func qsort(a *[N]int, lo int, hi int) {
	if lo < hi {
		m := partition(a, lo, hi)
		qsort(a, lo, m)
		qsort(a, m+1, hi)
	}
}

func main() {
	var a [N]int
	check := 0
	for r := 0; r < 2; r++ {
		x := r + 1
		for i := 0; i < N; i++ {
			x = (x*6364136223846793005 + 1442695040888963407)
			a[i] = (x >> 33) % 1000000
		}
		qsort(&a, 0, N-1)
		for i := 1; i < N; i++ {
			if a[i-1] > a[i] {
				panic("unsorted")
			}
		}
		check += a[N/2] + a[N/3]
	}
	println(check)
}

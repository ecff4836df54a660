package main

// Bounds checks an index already passed: the quicksort partition's swap (both indices
// were checked by the loops that found them), loop exits reached only through the
// condition, a loop left by break (its condition's check does not hold after it), a
// multiple assignment that changes the index between its two phases, and an index
// checked against a longer array before it indexes a shorter one.
const N = 64

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

func firstAbove(a *[N]int, x int) int {
	i := 0
	for a[i] <= x {
		i++
		if i == N-1 {
			break
		}
	}
	return a[i]
}

func shift(a *[8]int) int {
	i := 2
	s := a[i]
	i, a[i] = 7, 100
	s += a[i] + a[2]
	return s
}

func main() {
	var a [N]int
	x := 7
	for i := 0; i < N; i++ {
		x = (x*1103515245 + 12345) % 1000
		if x < 0 {
			x = -x
		}
		a[i] = x
	}
	qsort(&a, 0, N-1)
	for i := 1; i < N; i++ {
		if a[i-1] > a[i] {
			panic("unsorted")
		}
	}
	println(a[0], a[N/2], a[N-1])
	println(firstAbove(&a, 500), firstAbove(&a, 5000))
	var b [8]int
	for i := 0; i < 8; i++ {
		b[i] = i * i
	}
	println(shift(&b), b[2], b[7])
	var long [10]int
	var short [4]int
	k := 0
	for long[k] == 0 && k < 3 {
		short[k] = k + 1
		k++
	}
	println(k, short[0], short[1], short[2], short[3])
}

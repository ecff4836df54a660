package main

// Store-to-load forwarding through local arrays and removal of arrays nothing reads
// (src/codegen/forward.rs). Each case has a neighbour where forwarding would be wrong:
// another index written in between (it may be the same element), the index's local
// changed, an op-assignment, a loop that writes the array, a call in between; and the
// values of stores to removed arrays are still evaluated, in order.

var calls int

func side(x int) int {
	calls++
	println("side", x)
	return x * 3
}

func spread(a1, a2, a3, a4, a5, a6, a7, a8 int) int {
	var pad [8]int
	pad[a1&7] = a8
	return a1 + pad[a1&7] + a7
}

func main() {
	var a [8]int
	i, j := side(1)&7, side(2)&7
	a[i] = 10
	r1, r2 := a[i], a[i]+1
	a[j] = 20
	r3, r4 := a[i], a[j]
	j = i
	a[j] = 30
	r5 := a[i]
	a[i] = 40
	i++
	r6, r7 := a[i-1], a[i]
	println(r1, r2, r3, r4, r5, r6, r7)

	// Read in a later loop that does not write the array.
	k := side(5) & 7
	a[k] = 7
	s := 0
	for n := 0; n < 4; n++ {
		s += a[k] * n
	}
	// A loop that writes the array stops forwarding.
	a[k] = 1
	for n := 0; n < 3; n++ {
		a[(k+n)&7] += 2
	}
	r8 := a[k]
	// An op-assignment reads and writes.
	a[k] = 1
	a[k] += 2
	r9 := a[k]
	// A call in between: the value comes back from memory (and the call cannot change
	// the array, whose address is never taken).
	a[k] = 5
	r10 := side(a[k]) + a[k]
	println(s, r8, r9, r10)

	// Bool arrays, and a read in an index on the left.
	var seen [16]bool
	x := side(9)
	seen[x&15] = true
	var b [16]int
	if seen[x&15] {
		b[x&15] = 4
	}
	a[i] = 3
	b[a[i]] = 5
	println(seen[x&15], b[x&15], b[3])

	// Arrays nothing reads: their stores' values are still computed, in order.
	var junk [8]int
	for n := 0; n < 3; n++ {
		junk[n&7] = side(n + 100)
	}
	var junk2 [4]bool
	junk2[x&3] = side(7) > 0
	println(calls, spread(1, 2, 3, 4, 5, 6, 7, 8))

	// A store out of range: the value is computed first, then the index panics.
	m := side(0) + 8
	a[m] = side(42)
	r11 := a[m]
	println(r11)
}

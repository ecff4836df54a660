package main

// Locals over Go's maxStackVarSize (10 MiB) live outside the stack in Go; a recursion
// whose frames hold them does not overflow sooner than one without them.

const N = 1 << 21 // 16 MiB of int

func fill(a *[N]int, k int) {
	for i := 0; i < N; i += 4096 {
		a[i] = i + k
	}
}

func sum(a *[N]int) int {
	s := 0
	for i := 0; i < N; i += 4096 {
		s += a[i]
	}
	return s
}

func declared(k int) int {
	var a [N]int
	fill(&a, k)
	return sum(&a)
}

func short(k int) int {
	b := [N]int{1, 2, 3}
	b[k] = 7
	return b[0] + b[1] + b[2] + b[k] + b[N-1]
}

func initialized(k int) int {
	var c = [N]int{5}
	c[N-1] = k
	return c[0] + c[N-1]
}

func loop() int {
	t := 0
	for i := 0; i < 5; i++ {
		var d [N]int
		t += d[i*100]
		d[i*100] = i + 1
		t += d[i*100]
	}
	return t
}

// 200 frames with a 16 MiB local each: 3.2 GB, past Go's 1 GB stack limit if the
// locals were on the stack.
func deep(n int) int {
	if n == 0 {
		return 0
	}
	var big [N]int
	big[n] = n
	return deep(n-1) + big[n]
}

func copyOf(k int) int {
	var a [N]int
	a[k] = k
	b := a
	b[k] += 1
	return a[k] + b[k]
}

func main() {
	println(declared(3))
	println(short(9))
	println(initialized(4))
	println(loop())
	println(deep(200))
	println(copyOf(11))
}

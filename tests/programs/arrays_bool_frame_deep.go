package main

// The frame of f holds a [8192]bool: 8 KiB, as in Go (one byte per bool). 8000 nested
// calls need about 66 MB of stack, well within the tests' 256 MiB maximum; with 8-byte
// bools each frame would be 64 KiB and the same recursion would need over 500 MB.
// (The 50000-deep original is tests/programs_big/frame_bool_50k.go.)

func f(d int) int {
	var seen [8192]bool
	seen[d%8192] = true
	if d == 0 {
		return 1
	}
	n := f(d - 1)
	if seen[d%8192] {
		n++
	}
	return n
}

func main() {
	println(f(8000))
}

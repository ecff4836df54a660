package main

// An index error inside an inlined function whose parameter has the same local number
// as the caller's loop counter (whose range must not leak into the callee).

var tab [4]int

func get(k int) int {
	return tab[k]
}

func main() {
	for i := 0; i < 3; i++ {
		println(get(i + 1))
	}
	for i := 0; i < 3; i++ {
		println(get(i + 2))
	}
}

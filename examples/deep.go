// A million nested calls, and a few with 256 KiB frames: the stack grows far past any
// small initial size.
package main

func depth(n int) int {
	if n == 0 {
		return 0
	}
	return depth(n-1) + 1
}

func wide(n int) int {
	var frame [32768]int // 256 KiB
	frame[n] = n
	if n == 0 {
		return 0
	}
	return wide(n-1) + frame[n]
}

func main() {
	println("depth:", depth(1000000))
	println("wide:", wide(16))
}

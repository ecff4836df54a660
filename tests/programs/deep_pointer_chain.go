package main

func rec(n int, cnt *int, arr *[10]int, frame [16]int) int {
	*cnt++
	arr[n%10] += n
	frame[n%16] = n
	if n == 0 {
		return frame[0]
	}
	return rec(n-1, cnt, arr, frame) + frame[n%16]%3
}

func main() {
	count := 0
	var arr [10]int
	var frame [16]int
	r := rec(3000, &count, &arr, frame)
	println(r, count, arr[0], arr[9], frame[5])
}

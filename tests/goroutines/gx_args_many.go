package main

// go with many arguments (more than fit in registers), arrays by value and bools:
// each is evaluated by the caller when the go statement runs.
func sum(a int, b int, c int, d int, e int, f int, g int, h int, i int, j int, arr [4]int, flag bool, out chan int) {
	s := a + b + c + d + e + f + g + h + i + j + arr[0] + arr[1] + arr[2] + arr[3]
	if flag {
		s = -s
	}
	out <- s
}

func main() {
	out := make(chan int)
	arr := [4]int{100, 200, 300, 400}
	x := 1
	go sum(x, 2, 3, 4, 5, 6, 7, 8, 9, 10, arr, false, out)
	arr[0] = 0
	x = 1000
	r1 := <-out
	go sum(x, 2, 3, 4, 5, 6, 7, 8, 9, 10, arr, true, out)
	println(r1, <-out)
}

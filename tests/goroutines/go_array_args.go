package main

// go f(array): the array is copied when the go statement runs; the goroutine owns its
// copy (and may change it); a result array is discarded.
func sum(a [5]int, flags [3]bool, out chan int) {
	s := 0
	for i := 0; i < 5; i++ {
		s += a[i]
		a[i] = 0
	}
	for i := 0; i < 3; i++ {
		if flags[i] {
			s += 100
		}
	}
	out <- s + a[0]
}

func make3(out chan int, k int) [3]int {
	var r [3]int
	r[0] = k
	out <- k * 2
	return r
}

func main() {
	out := make(chan int)
	a := [5]int{1, 2, 3, 4, 5}
	f := [3]bool{true, false, true}
	go sum(a, f, out)
	a[0] = 1000
	f[1] = true
	go sum(a, f, out)
	x := <-out
	y := <-out
	println(x+y, x*y)
	go make3(out, 21)
	println(<-out, a[0], f[1])
}

package main

// v, ok = <-ch into array elements and through pointers.
func main() {
	c := make(chan int, 4)
	c <- 3
	c <- 4
	c <- 5
	close(c)
	var a [3]int
	var oks [3]bool
	i := 0
	a[i], oks[i] = <-c
	p := &a[1]
	q := &oks[1]
	*p, *q = <-c
	a[2], oks[2] = <-c
	var x int
	var ok bool
	x, ok = <-c
	println(a[0], a[1], a[2], oks[0], oks[1], oks[2], x, ok)
	_, ok = <-c
	println(ok)
}

package main

// break inside a select leaves the select, not the loop around it.
func main() {
	ch := make(chan int, 1)
	n := 0
	for i := 0; i < 5; i++ {
		ch <- i
		select {
		case v := <-ch:
			if v%2 == 0 {
				break
			}
			n += 10
		}
		n++
	}
	println(n)
}

package main

// chan bool as a signal and as data.
func toggler(in chan bool, out chan bool, n int) {
	for i := 0; i < n; i++ {
		v := <-in
		out <- !v
	}
	close(out)
}

func main() {
	in := make(chan bool)
	out := make(chan bool, 1)
	go toggler(in, out, 7)
	t := 0
	v := true
	for i := 0; i < 7; i++ {
		in <- v
		v = <-out
		if v {
			t++
		}
	}
	_, ok := <-out
	println(t, v, ok)
}

package main

// Every form of select: send, receive, receive with ok, assignment cases, default,
// nil channels (never ready), `case ch <- <-other:`, break inside a select, and the
// evaluation of every channel and send value on entry, in source order.

var calls int

func val(k int) int {
	calls = calls*10 + k
	return k
}

func sender(ch chan int, v int) {
	ch <- v
}

func main() {
	a := make(chan int, 1)
	b := make(chan bool, 1)
	var nilc chan int
	select {
	case v := <-a:
		println("a", v)
	default:
		println("default")
	}
	select {
	case a <- 7:
		println("sent")
	case nilc <- 1:
		println("never")
	}
	select {
	case v, ok := <-a:
		println("recv", v, ok)
	case <-nilc:
		println("never")
	}
	var arr [3]int
	i := 1
	a <- 5
	select {
	case arr[i] = <-a:
		if arr[1] == 5 {
			break
		}
		println("not reached")
	}
	println(arr[0], arr[1], arr[2])
	b <- true
	var ok bool
	var flag bool
	select {
	case flag, ok = <-b:
	}
	println(flag, ok)
	close(b)
	select {
	case flag, ok = <-b:
	}
	println(flag, ok)
	c := make(chan int, 1)
	a <- 9
	select {
	case c <- <-a:
	}
	x := <-c
	println(x)
	n := 0
	for j := 0; j < 3; j++ {
		a <- j
		select {
		case v := <-a:
			if v == 1 {
				break
			}
			n += v
		}
	}
	println(n)
	full := make(chan int)
	select {
	case full <- val(1):
		println("never")
	case a <- val(2):
		println("sent", <-a)
	}
	println(calls)
	done := make(chan int)
	go sender(done, 42)
	select {
	case <-nilc:
		println("never")
	case v := <-done:
		println("from goroutine", v)
	}
}

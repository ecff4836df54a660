package main

// A blocking select over channels that never become ready.
func main() {
	a := make(chan int)
	b := make(chan bool)
	println("waiting")
	select {
	case v := <-a:
		println(v)
	case b <- true:
		println("sent")
	}
}

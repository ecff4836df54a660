package main

// A select whose every case is on a nil channel blocks forever.
func main() {
	var a chan int
	var b chan bool
	println("start")
	select {
	case <-a:
	case b <- true:
	}
}

package main

// A buffered channel fills up and main blocks on the next send.
func main() {
	ch := make(chan bool, 3)
	for i := 0; i < 4; i++ {
		ch <- true
		println("sent", i)
	}
}

package main

// panic(v) in a goroutine deep in a recursion.
func rec(n int, done chan bool) {
	if n == 0 {
		done <- true
		panic(42)
	}
	rec(n-1, done)
}

func main() {
	done := make(chan bool)
	go rec(500, done)
	<-done
	block := make(chan int)
	<-block
}

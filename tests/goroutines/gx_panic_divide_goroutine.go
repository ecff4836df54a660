package main

// A run-time error (division by zero) in a goroutine.
func div(a int, b int, out chan int) {
	out <- a / b
}

func main() {
	out := make(chan int)
	go div(10, 2, out)
	println(<-out)
	go div(1, 0, out)
	println(<-out)
}

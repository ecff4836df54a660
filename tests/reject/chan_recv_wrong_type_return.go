package main

func f(x int) {}

func g() int {
	ch := make(chan bool)
	return <-ch
}

func main() {
	ch := make(chan bool)
	ci := make(chan int)
	var x int = <-ch
	f(<-ch)
	ci <- <-ch
	println(x + <-ch)
	y := 1
	y += <-ch
}

package main

func f(ch chan int) int {
	select {
	case v := <-ch:
		return v
	default:
	}
}

func main() {
	println(f(nil))
}

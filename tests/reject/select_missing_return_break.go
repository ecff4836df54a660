package main

func f(ch chan int) int {
	select {
	case v := <-ch:
		if v > 0 {
			break
		}
		return v
	}
}

func main() {
	println(f(nil))
}

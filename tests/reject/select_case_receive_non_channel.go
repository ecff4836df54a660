package main

func main() {
	x := 1
	y := 2
	select {
	case <-x:
		println(y)
	}
}

package main

func main() {
	x := 1
	println(x)
	select {
	case x > 1:
	}
}

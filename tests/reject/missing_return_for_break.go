package main

func f(n int) int {
	for {
		if n > 3 {
			break
		}
		n++
	}
}

func main() {
	println(f(1))
}

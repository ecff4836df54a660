package main

func f(n int) int {
	switch n {
	case 1:
		return 1
	case 2:
		return 2
	}
}

func main() {
	println(f(1))
}

package main

func f(p *int) {}

func main() {
	x := 1
	go f(&x)
}

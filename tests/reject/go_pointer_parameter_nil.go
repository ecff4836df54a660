package main

func f(a int, p *int) {}

func main() {
	go f(1, nil)
}

package main

func f(a int, b bool) {}

func main() {
	go f(1)
}

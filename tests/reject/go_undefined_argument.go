package main

func f(a int) {}

func main() {
	go f(y)
}

package main

func f(p *chan int) {}

func main() {
	f(nil)
}

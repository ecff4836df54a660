package main

func f() chan int {
	return nil
}

func main() {
	f()
}

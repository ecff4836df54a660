package main

func (n number) double() int {
	return int(n) * 2
}

type number int

func main() {
	println(number(3).double())
}

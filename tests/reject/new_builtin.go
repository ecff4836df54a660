package main

func main() {
	p := new(int)
	*p = 2
	println(*p)
}

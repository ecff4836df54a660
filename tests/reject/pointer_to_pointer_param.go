package main

func set(pp **int, v int) {
	**pp = v
}

func main() {
	x := 1
	p := &x
	set(&p, 5)
	println(x)
}

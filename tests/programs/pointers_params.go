package main

func addr(a int, b [3]int) int {
	p := &a
	*p += 1
	q := &b
	q[0] = 50
	r := &b[1]
	*r = 60
	return a + b[0] + b[1] + b[2]
}

func inc(p *int) {
	*p++
}

func named() (res int) {
	inc(&res)
	inc(&res)
	return
}

func main() {
	arr := [3]int{1, 2, 3}
	println(addr(10, arr), arr[0], arr[1])
	println(named())
	v := 0
	for i := 0; i < 5; i++ {
		inc(&v)
	}
	println(v)
}

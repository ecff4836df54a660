package main

func main() {
	a, b := 17, 5
	println(a+b, a-b, a*b, a/b, a%b)
	println(-a+b, -a-b, -a*b, -a/b, -a%b)
	println(b-a, b*-a, 0*a, a*1)
	c := a
	c = c*c - 3*c + 2
	println(c)
	println((a+b)*(a-b), a+b*a-b, a/b*b+a%b)
	println(1+2*3-4/2%3)
	n := 0
	for i := 1; i <= 100; i++ {
		n += i * i
	}
	println(n)
}

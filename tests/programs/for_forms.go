package main

func main() {
	for i := 0; i < 3; i++ {
		print(i, " ")
	}
	println()
	j := 0
	for j < 5 {
		j += 2
	}
	println(j)
	k := 0
	for {
		k++
		if k == 7 {
			break
		}
	}
	println(k)
	n := 0
	for ; n < 4; n++ {
	}
	println(n)
	m := 10
	for m > 0 {
		m -= 3
	}
	println(m)
	for i := 10; i > 0; i /= 2 {
		print(i, " ")
	}
	println()
	c := 0
	for i := 0; i < 3; {
		i++
		c += i
	}
	println(c)
	for i, j := 0, 10; i < j; i, j = i+1, j-1 {
		print(i, j, ";")
	}
	println()
	t := 0
	for ; ; t++ {
		if t >= 3 {
			break
		}
	}
	println(t)
	for false {
		println("never")
	}
}

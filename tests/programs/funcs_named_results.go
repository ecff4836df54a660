package main

func split(sum int) (x, y int) {
	x = sum * 4 / 9
	y = sum - x
	return
}

func flag(n int) (ok bool, val int) {
	if n < 0 {
		return
	}
	ok = true
	val = n * 2
	return
}

func override() (r int) {
	r = 5
	return r * 2
}

func shadow(n int) (r int) {
	r = n
	{
		r := 100
		_ = r
	}
	return
}

func loopy(n int) (count int, last int) {
	for i := 0; i < n; i++ {
		count++
		last = i
		if i == 5 {
			return
		}
	}
	return count * 10, last
}

func arr() (a [3]int) {
	a[1] = 7
	return
}

func main() {
	println(split(17))
	println(flag(-1))
	println(flag(21))
	println(override(), shadow(3))
	println(loopy(3))
	println(loopy(100))
	println(arr()[1])
}

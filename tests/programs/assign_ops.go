package main

func main() {
	x := 100
	x += 5
	println(x)
	x -= 10
	println(x)
	x *= 3
	println(x)
	x /= 4
	println(x)
	x %= 13
	println(x)
	x = 0xff
	x &= 0x3c
	println(x)
	x |= 0x300
	println(x)
	x ^= 0x1ff
	println(x)
	x &^= 0x0f
	println(x)
	x <<= 3
	println(x)
	x >>= 5
	println(x)
	var a [4]int
	i := 1
	a[i] += 7
	a[i+1] -= 3
	a[i*3] |= 9
	a[0] = a[1] * a[2]
	a[0] *= 2
	println(a[0], a[1], a[2], a[3])
	var p = &a[2]
	*p += 100
	*p <<= 1
	println(a[2])
	y := -17
	y /= 5
	println(y)
	y = -17
	y %= 5
	println(y)
}

package main

func main() {
	a, b := 0b1100, 0b1010
	println(a&b, a|b, a^b, a&^b, b&^a)
	println(^a, ^0, ^-1, -a, +a)
	x := -1
	println(x&0xff, x&^0xff, x^0x0f0f)
	m := 0x0123456789abcdef
	println(m&0xffff, m>>32, m&^(0xff<<8))
	c := 0xf0
	c &= 0x3c
	println(c)
	c |= 0x101
	println(c)
	c ^= 0xfff
	println(c)
	c &^= 0x0f0
	println(c)
	n := 0
	for v := 0x5555; v != 0; v &= v - 1 {
		n++
	}
	println(n)
	println(7&3|8, 7|3&8, 7^3&1, 6&^3|1)
}

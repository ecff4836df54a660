package main

func main() {
	println(0, 7, 42, 1_000_000)
	println(0x0, 0xff, 0XFF, 0xdead_beef, 0x7fffffffffffffff)
	println(0o17, 0O17, 017, 0777, 0_7)
	println(0b1010, 0B11, 0b_1111_0000)
	println(-0x8000000000000000)
	println(9223372036854775807)
	x := 0x10
	y := 010
	z := 0b10
	println(x, y, z, x+y+z)
}

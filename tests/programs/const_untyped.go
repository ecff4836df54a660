package main

const Big = 1 << 100
const Huge = Big * Big
const Back = Huge >> 197

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
	TB
)

func main() {
	println(1<<100>>97, Big>>98, Back)
	println(Huge/Big/Big, (Big+1)%1000, Big%7)
	println(KB, MB, GB, TB)
	const local = Big - (Big - 42)
	println(local, local*2)
	const neg = -Big >> 90
	println(neg)
	const m = (1<<64 - 1) >> 1
	println(m, m == 1<<63-1)
	x := Big >> 90
	println(x)
	println(0x7fffffffffffffff * 3 / 3)
	const t = 5 > 3
	println(t, !t)
	println(-7/2, -7%2, 7>>1, -7>>1)
}

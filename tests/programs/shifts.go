package main

func main() {
	one := 1
	neg := -8
	for _, s := range [...]int{0, 1, 2, 31, 32, 62, 63, 64, 65, 100, 1000, 1 << 40} {
		println(s, one<<s, neg<<s, one>>s, neg>>s, 12345>>s)
	}
	x := -1
	println(x>>1, x>>63, x>>64, x<<63, x<<64)
	big := 1<<62 + 12345
	println(big<<1, big<<2, big>>62)
	n := 3
	v := 5
	v <<= n
	println(v)
	v >>= 1
	println(v)
	println(1<<n+1, 1<<(n+1), 8>>n>>1)
	const c = 1 << 10
	println(c, c>>3, -c>>3, -1<<62)
	k := -5
	println(k>>1, k>>2, k/2, k/4)
}

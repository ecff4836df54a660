package main

func mix(h, v int) int {
	h ^= v
	h *= 1099511628211
	h ^= h >> 29
	h += h << 7
	return h
}

func main() {
	h := -3750763034362895579
	for i := 0; i < 1000; i++ {
		h = mix(h, i)
	}
	println(h, h%1000, h>>60, h&0xffff)
}

package main

const K = 10

func f() int {
	const K = 20
	return K
}

func main() {
	println(K, f())
	const K = K * 3
	println(K)
	{
		const K = 1 << 62
		println(K)
	}
	var arr [K]int
	println(len(arr))
}

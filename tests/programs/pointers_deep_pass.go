package main

func level(n int, acc *int, arr *[4]int) {
	if n == 0 {
		*acc += 1000
		arr[3] = *acc
		return
	}
	*acc += n
	arr[n%4]++
	level(n-1, acc, arr)
	*acc *= 1
}

func chain1(p *int) { chain2(p, 1) }
func chain2(p *int, k int) { chain3(k, p, k+1) }
func chain3(a int, p *int, b int) { chain4(p, a+b) }
func chain4(p *int, v int) { chain5(v, v, v, v, v, v, v, p) }
func chain5(a, b, c, d, e, f, g int, p *int) { *p = a + b + c + d + e + f + g }

func walk(n int, p *int) int {
	var local [16]int
	local[n%16] = n
	if n == 0 {
		*p = 1
		return 0
	}
	r := walk(n-1, p)
	*p = *p*3%1000003 + local[n%16]
	return r + 1
}

func main() {
	x := 0
	var arr [4]int
	level(100, &x, &arr)
	println(x, arr[0], arr[1], arr[2], arr[3])
	y := 0
	chain1(&y)
	println(y)
	z := 0
	println(walk(5000, &z), z)
}

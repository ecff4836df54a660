package main

func main() {
	a, b := 1, 2
	a, b = b, a
	println(a, b)
	x, y, z := 1, 2, 3
	x, y, z = z, x, y
	println(x, y, z)
	var arr [5]int
	i := 0
	i, arr[i] = 1, 9
	println(i, arr[0], arr[1])
	arr[1], arr[2] = arr[2]+5, arr[1]+7
	println(arr[1], arr[2])
	j := 2
	arr[j], j = 42, 4
	println(arr[2], j, arr[4])
	p, q := 10, 20
	p, q = p+q, p-q
	println(p, q)
	var t, u bool
	t, u = true, !t
	println(t, u)
	f1, f2 := 0, 1
	for k := 0; k < 10; k++ {
		f1, f2 = f2, f1+f2
	}
	println(f1, f2)
}

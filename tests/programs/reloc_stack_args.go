package main

// Pointers held in stack-passed arguments (parameters beyond the sixth) of functions
// that recurse deeply: each call may be the one that moves the stack.

func many(a, b, c, d, e, f int, p *int, g int, q *[3]int, h int, r *bool) int {
	var pad [12]int
	pad[a%12] = a
	*p += g
	q[a%3] += h
	if a%2 == 0 {
		*r = !*r
	}
	if a == 0 {
		return *p + q[0] + q[1] + q[2] + b + c + d + e + f
	}
	return (many(a-1, b, c, d, e, f, p, g+1, q, h, r) + pad[a%12]) % 1000003
}

func main() {
	acc := 0
	var arr [3]int
	flag := false
	println(many(4000, 1, 2, 3, 4, 5, &acc, 1, &arr, 2, &flag))
	println(acc, arr[0], arr[1], arr[2], flag)
}

package main

func search(p *[100]int, x int) int {
	lo, hi := 0, len(p)
	for lo < hi {
		mid := lo + (hi-lo)/2
		switch {
		case p[mid] == x:
			return mid
		case p[mid] < x:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return -1
}

func main() {
	var a [100]int
	for i := range a {
		a[i] = i*3 + 1
	}
	println(search(&a, 1), search(&a, 298), search(&a, 151), search(&a, 152), search(&a, -5))
}

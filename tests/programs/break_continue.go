package main

func main() {
	for i := 0; i < 10; i++ {
		if i%2 == 0 {
			continue
		}
		if i > 7 {
			break
		}
		print(i, " ")
	}
	println()
	count := 0
	for i := 0; i < 5; i++ {
		for j := 0; j < 5; j++ {
			if j > i {
				break
			}
			if (i+j)%3 == 0 {
				continue
			}
			count++
		}
	}
	println(count)
	n := 0
	for {
		n++
		if n < 5 {
			continue
		}
		break
	}
	println(n)
	arr := [6]int{1, 2, 3, 4, 5, 6}
	s := 0
	for _, v := range arr {
		if v == 2 {
			continue
		}
		if v == 5 {
			break
		}
		s += v
	}
	println(s)
	k := 0
	for k < 100 {
		k++
		if k%10 != 0 {
			continue
		}
		print(k, ",")
		if k >= 30 {
			break
		}
	}
	println()
}

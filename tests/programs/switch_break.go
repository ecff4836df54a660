package main

func main() {
	n := 0
	for i := 0; i < 6; i++ {
		switch i {
		case 2:
			break
		case 4:
			if n > 0 {
				break
			}
			n += 1000
		default:
			n++
		}
		n += 10
	}
	println(n)
	for i := 0; ; i++ {
		switch {
		case i < 3:
			continue
		}
		println("left loop at", i)
		if i == 3 {
			break
		}
	}
	k := 0
	for k < 10 {
		switch k % 3 {
		case 0:
			k += 2
			break
		default:
			k++
		}
	}
	println(k)
}

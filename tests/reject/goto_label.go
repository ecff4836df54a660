package main

func main() {
	i := 0
loop:
	if i < 3 {
		i++
		goto loop
	}
	println(i)
}

package main

func main() {
	var a [3]int
	for i := 0; i < 10; i++ {
		a[i] = i
		println("stored", i)
	}
}

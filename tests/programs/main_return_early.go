package main

func main() {
	for i := 0; ; i++ {
		if i == 3 {
			println("returning", i)
			return
		}
	}
}

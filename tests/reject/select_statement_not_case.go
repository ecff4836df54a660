package main

func main() {
	select {
	x := 1
	}
}

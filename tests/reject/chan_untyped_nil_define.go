package main

func main() {
	c := nil
	_ = c
}

package main

func main() {
	close(nil)
}

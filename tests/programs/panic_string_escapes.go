package main

func main() {
	panic("tab\there \"quoted\" \x41")
}

package main

func main() {
	if v := 3; true {
		println("v unused")
	}
}

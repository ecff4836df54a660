package main

// Go checks the right side first; the undefined name on the left is then not reported.
func main() {
	w = f(w)
}

func f(a int) int {
	return a
}

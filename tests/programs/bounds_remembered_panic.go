package main

// An index that passed the check of a longer array must still be checked against a
// shorter one.
func main() {
	var long [10]int
	var short [4]int
	i := 0
	for long[i] == 0 && i < 6 {
		i++
	}
	long[i] = 1
	println(i, long[i])
	short[i] = long[i]
	println("not reached")
}

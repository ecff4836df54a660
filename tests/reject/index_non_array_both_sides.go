package main

// Go reports an index error at the `[`, both sides sorted by position.
func main() {
	i := 1
	j := 2
	i[1] = j[2]
}

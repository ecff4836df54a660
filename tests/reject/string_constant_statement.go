// A string constant as a statement (found by the mutation fuzzer): Go says it is not used.
package main

func main() {
	println("x")
	("after")
}

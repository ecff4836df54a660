package main

var calls int

func yes(tag int) bool {
	calls++
	print("y", tag, " ")
	return true
}

func no(tag int) bool {
	calls++
	print("n", tag, " ")
	return false
}

func main() {
	println(no(1) && yes(2))
	println(yes(3) && no(4))
	println(yes(5) || no(6))
	println(no(7) || yes(8))
	println(no(9) || no(10) && yes(11))
	println(yes(12) || yes(13) && no(14))
	println(!no(15) && !(yes(16) && no(17)))
	if no(18) && yes(19) {
		println("bad")
	} else {
		println("else")
	}
	b := yes(20) && (no(21) || yes(22))
	println(b, calls)
}

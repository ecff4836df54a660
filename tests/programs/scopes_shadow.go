package main

var x = 1

func show() {
	println("global", x)
}

func main() {
	println(x)
	x := 2
	println(x)
	{
		x := 3
		println(x)
		{
			x++
			println(x)
		}
		println(x)
	}
	println(x)
	for x := 10; x < 12; x++ {
		x := x * 100
		println(x)
	}
	show()
	if x := x + 5; x > 0 {
		println(x)
	}
	switch x := 9; x {
	case 9:
		x := -1
		println(x)
	}
	println(x)
	len := 4
	println(len)
	true := false
	println(true)
}

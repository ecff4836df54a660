package main

func main() {
	println("tab:\tend")
	println("quote:\" backslash:\\ single:'")
	println("hex:\x41\x42\x43 oct:\101\102 uni:\u00e9\u4e16 big:\U0001F600")
	println("bell-less: \a\b\f\v|")
	println("cr:\rX")
	print("multi\nline\n")
	println("nul:\x00:after")
	println("high byte:\xff:")
	println(`raw \n string`)
	println(`raw with "quotes"`)
	println("é直接")
}

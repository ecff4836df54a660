package main

func main() {
	var seen [10]bool
	for i := 0; i < 10; i += 3 {
		seen[i] = true
	}
	n := 0
	for i, s := range seen {
		if s {
			print(i, " ")
			n++
		}
	}
	println(n)
	t := [3]bool{true, true, true}
	all := true
	for _, v := range t {
		all = all && v
	}
	println(all)
	t[1] = !t[1]
	println(t[0], t[1], t[2], t == [3]bool{true, false, true})
}

package main

// Bool arrays of many sizes (one byte per element, as in Go): zeroing, copying,
// ==/!= (a difference at every position), passing and returning by value, with
// neighbouring arrays of the same size that must stay untouched. The sizes straddle the
// compiler's 1/2/4/8/16-byte chunks, its 64-byte unrolled comparison and its 512-byte
// unrolled zeroing and copying.

func flip1(x [1]bool, k int) [1]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size1(seed int) int {
	var lo [1]bool
	var a [1]bool
	var hi [1]bool
	h := 0
	for i := 0; i < 1; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 1; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 1; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip1(a, 1)
	d := flip1(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 1; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip1(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [1]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 1; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [1]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [1]bool{} {
		h += 1000000
	}
	for i := 0; i < 1; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip2(x [2]bool, k int) [2]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size2(seed int) int {
	var lo [2]bool
	var a [2]bool
	var hi [2]bool
	h := 0
	for i := 0; i < 2; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 2; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 2; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip2(a, 1)
	d := flip2(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 2; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip2(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [2]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 2; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [2]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [2]bool{} {
		h += 1000000
	}
	for i := 0; i < 2; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip3(x [3]bool, k int) [3]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size3(seed int) int {
	var lo [3]bool
	var a [3]bool
	var hi [3]bool
	h := 0
	for i := 0; i < 3; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 3; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 3; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip3(a, 1)
	d := flip3(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 3; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip3(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [3]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 3; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [3]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [3]bool{} {
		h += 1000000
	}
	for i := 0; i < 3; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip4(x [4]bool, k int) [4]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size4(seed int) int {
	var lo [4]bool
	var a [4]bool
	var hi [4]bool
	h := 0
	for i := 0; i < 4; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 4; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 4; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip4(a, 1)
	d := flip4(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 4; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip4(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [4]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 4; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [4]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [4]bool{} {
		h += 1000000
	}
	for i := 0; i < 4; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip5(x [5]bool, k int) [5]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size5(seed int) int {
	var lo [5]bool
	var a [5]bool
	var hi [5]bool
	h := 0
	for i := 0; i < 5; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 5; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 5; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip5(a, 1)
	d := flip5(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 5; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip5(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [5]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 5; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [5]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [5]bool{} {
		h += 1000000
	}
	for i := 0; i < 5; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip7(x [7]bool, k int) [7]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size7(seed int) int {
	var lo [7]bool
	var a [7]bool
	var hi [7]bool
	h := 0
	for i := 0; i < 7; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 7; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 7; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip7(a, 1)
	d := flip7(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 7; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip7(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [7]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 7; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [7]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [7]bool{} {
		h += 1000000
	}
	for i := 0; i < 7; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip8(x [8]bool, k int) [8]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size8(seed int) int {
	var lo [8]bool
	var a [8]bool
	var hi [8]bool
	h := 0
	for i := 0; i < 8; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 8; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 8; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip8(a, 1)
	d := flip8(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 8; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip8(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [8]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 8; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [8]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [8]bool{} {
		h += 1000000
	}
	for i := 0; i < 8; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip9(x [9]bool, k int) [9]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size9(seed int) int {
	var lo [9]bool
	var a [9]bool
	var hi [9]bool
	h := 0
	for i := 0; i < 9; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 9; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 9; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip9(a, 1)
	d := flip9(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 9; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip9(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [9]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 9; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [9]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [9]bool{} {
		h += 1000000
	}
	for i := 0; i < 9; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip15(x [15]bool, k int) [15]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size15(seed int) int {
	var lo [15]bool
	var a [15]bool
	var hi [15]bool
	h := 0
	for i := 0; i < 15; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 15; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 15; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip15(a, 1)
	d := flip15(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 15; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip15(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [15]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 15; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [15]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [15]bool{} {
		h += 1000000
	}
	for i := 0; i < 15; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip16(x [16]bool, k int) [16]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size16(seed int) int {
	var lo [16]bool
	var a [16]bool
	var hi [16]bool
	h := 0
	for i := 0; i < 16; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 16; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 16; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip16(a, 1)
	d := flip16(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 16; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip16(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [16]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 16; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [16]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [16]bool{} {
		h += 1000000
	}
	for i := 0; i < 16; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip17(x [17]bool, k int) [17]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size17(seed int) int {
	var lo [17]bool
	var a [17]bool
	var hi [17]bool
	h := 0
	for i := 0; i < 17; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 17; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 17; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip17(a, 1)
	d := flip17(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 17; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip17(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [17]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 17; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [17]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [17]bool{} {
		h += 1000000
	}
	for i := 0; i < 17; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip31(x [31]bool, k int) [31]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size31(seed int) int {
	var lo [31]bool
	var a [31]bool
	var hi [31]bool
	h := 0
	for i := 0; i < 31; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 31; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 31; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip31(a, 1)
	d := flip31(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 31; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip31(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [31]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 31; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [31]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [31]bool{} {
		h += 1000000
	}
	for i := 0; i < 31; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip32(x [32]bool, k int) [32]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size32(seed int) int {
	var lo [32]bool
	var a [32]bool
	var hi [32]bool
	h := 0
	for i := 0; i < 32; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 32; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 32; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip32(a, 1)
	d := flip32(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 32; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip32(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [32]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 32; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [32]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [32]bool{} {
		h += 1000000
	}
	for i := 0; i < 32; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip33(x [33]bool, k int) [33]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size33(seed int) int {
	var lo [33]bool
	var a [33]bool
	var hi [33]bool
	h := 0
	for i := 0; i < 33; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 33; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 33; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip33(a, 1)
	d := flip33(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 33; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip33(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [33]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 33; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [33]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [33]bool{} {
		h += 1000000
	}
	for i := 0; i < 33; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip63(x [63]bool, k int) [63]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size63(seed int) int {
	var lo [63]bool
	var a [63]bool
	var hi [63]bool
	h := 0
	for i := 0; i < 63; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 63; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 63; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip63(a, 1)
	d := flip63(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 63; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip63(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [63]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 63; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [63]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [63]bool{} {
		h += 1000000
	}
	for i := 0; i < 63; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip64(x [64]bool, k int) [64]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size64(seed int) int {
	var lo [64]bool
	var a [64]bool
	var hi [64]bool
	h := 0
	for i := 0; i < 64; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 64; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 64; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip64(a, 1)
	d := flip64(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 64; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip64(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [64]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 64; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [64]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [64]bool{} {
		h += 1000000
	}
	for i := 0; i < 64; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip65(x [65]bool, k int) [65]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size65(seed int) int {
	var lo [65]bool
	var a [65]bool
	var hi [65]bool
	h := 0
	for i := 0; i < 65; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 65; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 65; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip65(a, 1)
	d := flip65(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 65; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip65(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [65]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 65; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [65]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [65]bool{} {
		h += 1000000
	}
	for i := 0; i < 65; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip100(x [100]bool, k int) [100]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size100(seed int) int {
	var lo [100]bool
	var a [100]bool
	var hi [100]bool
	h := 0
	for i := 0; i < 100; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 100; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 100; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip100(a, 1)
	d := flip100(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 100; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip100(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [100]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 100; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [100]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [100]bool{} {
		h += 1000000
	}
	for i := 0; i < 100; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip513(x [513]bool, k int) [513]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size513(seed int) int {
	var lo [513]bool
	var a [513]bool
	var hi [513]bool
	h := 0
	for i := 0; i < 513; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 513; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 513; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip513(a, 1)
	d := flip513(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 513; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip513(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [513]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 513; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [513]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [513]bool{} {
		h += 1000000
	}
	for i := 0; i < 513; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip600(x [600]bool, k int) [600]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size600(seed int) int {
	var lo [600]bool
	var a [600]bool
	var hi [600]bool
	h := 0
	for i := 0; i < 600; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 600; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 600; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip600(a, 1)
	d := flip600(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 600; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip600(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [600]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 600; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [600]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [600]bool{} {
		h += 1000000
	}
	for i := 0; i < 600; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func flip1031(x [1031]bool, k int) [1031]bool {
	for i := 0; i < len(x); i += k {
		x[i] = !x[i]
	}
	return x
}

func size1031(seed int) int {
	var lo [1031]bool
	var a [1031]bool
	var hi [1031]bool
	h := 0
	for i := 0; i < 1031; i++ {
		if a[i] || lo[i] || hi[i] {
			h += 1000000
		}
		lo[i] = true
		hi[i] = true
	}
	for i := 0; i < 1031; i++ {
		a[i] = (i*seed+i/3)%3 == 0
	}
	b := a
	if b != a || !(a == b) {
		h += 1000000
	}
	for i := 0; i < 1031; i++ {
		b[i] = !b[i]
		if a == b {
			h += 1000000
		}
		if a != b {
			h++
		}
		b[i] = !b[i]
	}
	for i, v := range b {
		if v {
			h = (h*31 + i) % 1000003
		}
	}
	c := flip1031(a, 1)
	d := flip1031(c, 1)
	if d != a || c == a {
		h += 1000000
	}
	for i := 0; i < 1031; i++ {
		if c[i] == a[i] {
			h += 1000000
		}
	}
	e := flip1031(a, 2)
	for i, v := range e {
		if v {
			h = (h*7 + i) % 1000003
		}
	}
	for r := 0; r < 3; r++ {
		var z [1031]bool
		for _, v := range z {
			if v {
				h += 1000000
			}
		}
		for i := r; i < 1031; i += 2 {
			z[i] = true
		}
		if z == b {
			h += 5
		}
	}
	a = [1031]bool{}
	for _, v := range a {
		if v {
			h += 1000000
		}
	}
	if a != [1031]bool{} {
		h += 1000000
	}
	for i := 0; i < 1031; i++ {
		if !lo[i] || !hi[i] {
			h += 1000000
		}
	}
	return h
}

func main() {
	println(1, size1(5), size1(7))
	println(2, size2(5), size2(7))
	println(3, size3(5), size3(7))
	println(4, size4(5), size4(7))
	println(5, size5(5), size5(7))
	println(7, size7(5), size7(7))
	println(8, size8(5), size8(7))
	println(9, size9(5), size9(7))
	println(15, size15(5), size15(7))
	println(16, size16(5), size16(7))
	println(17, size17(5), size17(7))
	println(31, size31(5), size31(7))
	println(32, size32(5), size32(7))
	println(33, size33(5), size33(7))
	println(63, size63(5), size63(7))
	println(64, size64(5), size64(7))
	println(65, size65(5), size65(7))
	println(100, size100(5), size100(7))
	println(513, size513(5), size513(7))
	println(600, size600(5), size600(7))
	println(1031, size1031(5), size1031(7))
}

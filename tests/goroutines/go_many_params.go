package main

// go f(...) of a function with 70 parameters (passed in a parameter block) and one
// channel.
func many(p0 int, p1 int, p2 int, p3 int, p4 int, p5 int, p6 int, p7 int, p8 int, p9 int, p10 int, p11 int, p12 int, p13 int, p14 int, p15 int, p16 int, p17 int, p18 int, p19 int, p20 int, p21 int, p22 int, p23 int, p24 int, p25 int, p26 int, p27 int, p28 int, p29 int, p30 int, p31 int, p32 int, p33 int, p34 int, p35 int, p36 int, p37 int, p38 int, p39 int, p40 int, p41 int, p42 int, p43 int, p44 int, p45 int, p46 int, p47 int, p48 int, p49 int, p50 int, p51 int, p52 int, p53 int, p54 int, p55 int, p56 int, p57 int, p58 int, p59 int, p60 int, p61 int, p62 int, p63 int, p64 int, p65 int, p66 int, p67 int, p68 int, p69 int, out chan int) {
	out <- p0 + p1 + p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9 + p10 + p11 + p12 + p13 + p14 + p15 + p16 + p17 + p18 + p19 + p20 + p21 + p22 + p23 + p24 + p25 + p26 + p27 + p28 + p29 + p30 + p31 + p32 + p33 + p34 + p35 + p36 + p37 + p38 + p39 + p40 + p41 + p42 + p43 + p44 + p45 + p46 + p47 + p48 + p49 + p50 + p51 + p52 + p53 + p54 + p55 + p56 + p57 + p58 + p59 + p60 + p61 + p62 + p63 + p64 + p65 + p66 + p67 + p68 + p69
}

func main() {
	out := make(chan int)
	for k := 1; k <= 3; k++ {
		go many(0*k, 1*k, 2*k, 3*k, 4*k, 5*k, 6*k, 7*k, 8*k, 9*k, 10*k, 11*k, 12*k, 13*k, 14*k, 15*k, 16*k, 17*k, 18*k, 19*k, 20*k, 21*k, 22*k, 23*k, 24*k, 25*k, 26*k, 27*k, 28*k, 29*k, 30*k, 31*k, 32*k, 33*k, 34*k, 35*k, 36*k, 37*k, 38*k, 39*k, 40*k, 41*k, 42*k, 43*k, 44*k, 45*k, 46*k, 47*k, 48*k, 49*k, 50*k, 51*k, 52*k, 53*k, 54*k, 55*k, 56*k, 57*k, 58*k, 59*k, 60*k, 61*k, 62*k, 63*k, 64*k, 65*k, 66*k, 67*k, 68*k, 69*k, out)
	}
	s := 0
	for i := 0; i < 3; i++ {
		s += <-out
	}
	println(s)
}

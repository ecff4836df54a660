// The hot-split sweep timed by depth under the real Go toolchain, for the Go line of the
// hot-split plot (benches/sweep.rs --go-csv). leaf and descend are those of
// benches/programs/hot_split_sweep.go.
//
//	go run sweep_timing.go CALLS MAX_D RUNS > go.csv
package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"
)

func leaf(x int) int {
	var a [64]int
	a[x&63] = x
	a[(x>>3)&63] += 1
	return a[x&63] + a[(x*7)&63]
}

func descend(d int, n int) int {
	var pad [32]int
	pad[d&31] = d
	if d == 0 {
		s := 0
		for i := 0; i < n; i++ {
			s += leaf(i)
		}
		return s % 1000003
	}
	return (descend(d-1, n) + pad[d&31] + pad[(d*5)&31]) % 1000003
}

var sink int

func main() {
	calls, _ := strconv.Atoi(os.Args[1])
	maxd, _ := strconv.Atoi(os.Args[2])
	runs, _ := strconv.Atoi(os.Args[3])
	fmt.Println("d,go")
	for d := 0; d <= maxd; d++ {
		ts := make([]float64, runs)
		for r := 0; r < runs; r++ {
			t := time.Now()
			sink += descend(d, calls)
			ts[r] = float64(time.Since(t).Nanoseconds()) / float64(calls)
		}
		sort.Float64s(ts)
		fmt.Printf("%d,%.2f\n", d, ts[runs/2])
	}
	if sink == -1 {
		fmt.Println(sink)
	}
}

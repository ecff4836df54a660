// Go's own figures for issue 12's micro-benchmarks, to compare with morestack's criterion
// benchmarks of the same operations (same machine, same run):
//
//	go test -bench . -benchtime 2000000x -count 3 benches/go/goroutines_test.go
//
// Both run on one OS thread (GOMAXPROCS=1, as morestack's M:1 scheduler).
package main

import (
	"runtime"
	"testing"
)

// BenchmarkSwitch: one goroutine switch. Two goroutines hand control back and forth
// with runtime.Gosched; each iteration is one switch.
func BenchmarkSwitch(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	done := make(chan bool)
	stop := false
	go func() {
		for !stop {
			runtime.Gosched()
		}
		done <- true
	}()
	runtime.Gosched()
	b.ResetTimer()
	for i := 0; i < b.N/2; i++ {
		runtime.Gosched()
	}
	b.StopTimer()
	stop = true
	<-done
}

// BenchmarkPingPong: one round trip over two unbuffered channels (two blocking
// send/receive pairs, two switches) per iteration.
func BenchmarkPingPong(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	in, out := make(chan int), make(chan int)
	go func() {
		for v := range in {
			out <- v + 1
		}
		close(out)
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in <- i
		<-out
	}
	b.StopTimer()
	close(in)
	<-out
}

func worker(done chan bool) {
	done <- true
}

// BenchmarkSpawnExit: one goroutine started, run to its end and waited for (its
// result through a buffered channel) per iteration.
func BenchmarkSpawnExit(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	done := make(chan bool, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		go worker(done)
		<-done
	}
}

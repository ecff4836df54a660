//! Goroutine micro-benchmarks (issue 12), the counterparts of `benches/go/goroutines_test.go`:
//! `cargo bench --bench goroutines`.
//!
//! Each benchmark calls a function of a small program through the library; one call does
//! `N` operations, and criterion's throughput (elements) turns the time per call into a
//! time per operation (the per-call set-up of the run, its stack and its scheduler is
//! amortized over `N`):
//! - `switch`: one goroutine switch (two goroutines handing control back and forth with
//!   `runtime.Gosched()`; a call makes `2 N` switches);
//! - `pingpong`: one round trip over two unbuffered channels (two blocking send/receive
//!   pairs, two switches);
//! - `spawn_exit`: one goroutine started, run to its end and waited for (its result
//!   through a buffered channel).
//!
//! Every benchmark runs under the default strategy (copying) and the two others.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use morestack::{compile, CompileOptions, StackConfig, Strategy};

const SRC: &str = r#"package main

import "runtime"

func spinner(n int, done chan bool) {
	for i := 0; i < n; i++ {
		runtime.Gosched()
	}
	done <- true
}

func switches(n int) int {
	done := make(chan bool)
	go spinner(n, done)
	for i := 0; i < n; i++ {
		runtime.Gosched()
	}
	<-done
	return n
}

func echo(in chan int, out chan int) {
	for v := range in {
		out <- v + 1
	}
	close(out)
}

func pingpong(n int) int {
	in := make(chan int)
	out := make(chan int)
	go echo(in, out)
	s := 0
	for i := 0; i < n; i++ {
		in <- i
		s += <-out
	}
	close(in)
	<-out
	return s
}

func worker(done chan bool) {
	done <- true
}

func spawnExit(n int) int {
	done := make(chan bool, 1)
	for i := 0; i < n; i++ {
		go worker(done)
		<-done
	}
	return n
}

func main() {
	println(switches(10), pingpong(10), spawnExit(10))
}
"#;

/// Operations per call.
const N: i64 = 20_000;

fn goroutines(c: &mut Criterion) {
    for strategy in [Strategy::Copying, Strategy::Segmented, Strategy::Fixed] {
        let prog = compile(
            "goroutines.go",
            SRC,
            &CompileOptions::for_strategy(strategy),
        )
        .unwrap();
        // The command's defaults for each strategy.
        let cfg = StackConfig {
            strategy,
            ..StackConfig::default()
        };
        let mut g = c.benchmark_group(format!("goroutines/{strategy}"));
        g.sample_size(20);
        for (label, func, ops, expect) in [
            ("switch", "switches", 2 * N, N),
            ("pingpong", "pingpong", N, N * (N + 1) / 2),
            ("spawn_exit", "spawnExit", N, N),
        ] {
            let call = || prog.call(func, &[N], &cfg, &mut std::io::sink());
            assert_eq!(call(), Ok(vec![expect]), "{label} under {strategy}");
            g.throughput(Throughput::Elements(ops as u64));
            g.bench_function(label, |b| b.iter(|| call().unwrap()));
        }
        g.finish();
    }
}

criterion_group!(benches, goroutines);
criterion_main!(benches);

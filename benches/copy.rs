//! Copy throughput of the copying strategy: bytes of live stack moved (copied and
//! relocated) per second, for stacks of 64 KiB to 64 MiB, against a plain `memcpy` of the
//! same size.
//!
//! `dive(d, m)` recurses `d` frames of about 512 bytes, then calls `print("")` `m` times.
//! In the stress mode (`--force-move`) every host call moves the whole stack to a fresh
//! mapping, so each `print("")` is one move: walk every frame, copy, rewrite the saved
//! frame pointers. The measured time per iteration is the time of a run with `m` moves
//! minus the time of the same run without the stress mode (no moves), divided by `m`.
//! The fresh mapping's page faults are part of a move, as they are of a real grow.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use morestack::{compile, CompileOptions, Compiled, StackConfig, Strategy};
use std::time::{Duration, Instant};

const SRC: &str = r#"package main

func dive(n int, m int) int {
	var pad [60]int
	pad[n%60] = n
	if n == 0 {
		for i := 0; i < m; i++ {
			print("")
		}
		return pad[0]
	}
	return dive(n-1, m) + pad[n%60]%2
}

func main() {
	println(dive(10, 1))
}
"#;

/// Bytes of the live stack at depth `d`: what one forced move copies (the runs with one
/// print and without differ by exactly that move).
fn live_bytes(prog: &Compiled, d: i64) -> u64 {
    let cfg = StackConfig::copying(8 << 10, 1 << 30, true);
    let copied = |m: i64| {
        let (s, r) = prog.call_with_stats("dive", &[d, m], &cfg, &mut std::io::sink());
        r.unwrap();
        s.copying.unwrap().bytes_copied
    };
    copied(1) - copied(0)
}

fn copy_throughput(c: &mut Criterion) {
    let prog = compile(
        "copy.go",
        SRC,
        &CompileOptions::for_strategy(Strategy::Copying),
    )
    .unwrap();
    let frame = (live_bytes(&prog, 2000) / 2000) as usize;
    let mut g = c.benchmark_group("copy_throughput");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    g.warm_up_time(Duration::from_millis(500));
    for kib in [64usize, 1 << 10, 16 << 10, 64 << 10] {
        let bytes = kib << 10;
        let depth = (bytes / frame) as i64;
        g.throughput(Throughput::Bytes(live_bytes(&prog, depth)));
        let force = StackConfig::copying(8 << 10, 1 << 30, true);
        let plain = StackConfig::copying(8 << 10, 1 << 30, false);
        g.bench_with_input(BenchmarkId::new("move", kib), &depth, |b, &d| {
            b.iter_custom(|iters| {
                let t = Instant::now();
                prog.call("dive", &[d, iters as i64], &force, &mut std::io::sink())
                    .unwrap();
                let with = t.elapsed();
                let t = Instant::now();
                prog.call("dive", &[d, iters as i64], &plain, &mut std::io::sink())
                    .unwrap();
                with.saturating_sub(t.elapsed())
            })
        });
        let src = vec![1u8; bytes];
        let mut dst = vec![0u8; bytes];
        g.bench_with_input(BenchmarkId::new("memcpy", kib), &bytes, |b, _| {
            b.iter(|| {
                dst.copy_from_slice(std::hint::black_box(&src));
                std::hint::black_box(&mut dst);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, copy_throughput);
criterion_main!(benches);

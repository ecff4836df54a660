//! The cost of one split plus unsplit (segmented stacks).
//!
//! `pad(d, n)` recurses `d` levels, then calls `f` `n` times in a loop. For each
//! strategy the benchmark picks the depth at which every call of `f` crosses a segment
//! boundary (checked with the runtime's statistics: `n` splits), and measures the whole
//! `pad(d, N)` on that configuration and on the fixed strategy at the same depth.
//! Criterion reports time per call of `f` (throughput in elements): the difference
//! between `segmented-*` and `fixed` is the cost of one split + unsplit.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use morestack::{compile, CompileOptions, Compiled, SegmentCache, StackConfig};

const SRC: &str = r#"package main

func f(x int) int {
	if x < 0 {
		return f(x + 1)
	}
	return x + 1
}

func pad(d int, n int) int {
	if d == 0 {
		s := 0
		for i := 0; i < n; i++ {
			s += f(i)
		}
		return s
	}
	return pad(d-1, n) + 1
}

func main() {
	println(pad(10, 10))
}
"#;

/// Calls of `f` per measured run.
const N: i64 = 100_000;

/// The smallest depth at which every call of `f` splits under `cfg`.
fn hot_depth(prog: &Compiled, cfg: &StackConfig) -> i64 {
    for d in 0..2000 {
        let (stats, r) = prog.call_with_stats("pad", &[d, 1000], cfg, &mut std::io::sink());
        r.unwrap();
        if stats.segments.unwrap().splits >= 1000 {
            return d;
        }
    }
    panic!("no depth makes f split");
}

fn split_unsplit(c: &mut Criterion) {
    let prog = compile("split.go", SRC, &CompileOptions::default()).unwrap();
    let mut g = c.benchmark_group("split_unsplit");
    g.throughput(Throughput::Elements(N as u64));
    let mut fixed_done = Vec::new();
    for (label, cache) in [
        ("segmented-keep", SegmentCache::Keep),
        ("segmented-none", SegmentCache::None),
    ] {
        let cfg = StackConfig::segmented(8 << 10, cache, 1 << 30);
        let d = hot_depth(&prog, &cfg);
        let fixed = StackConfig::fixed(1 << 30);
        if !fixed_done.contains(&d) {
            fixed_done.push(d);
            g.bench_function(format!("fixed (depth {d})"), |b| {
                b.iter(|| {
                    prog.call("pad", &[d, N], &fixed, &mut std::io::sink())
                        .unwrap()
                })
            });
        }
        g.bench_function(format!("{label} (depth {d})"), |b| {
            b.iter(|| {
                prog.call("pad", &[d, N], &cfg, &mut std::io::sink())
                    .unwrap()
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = split_unsplit
}
criterion_main!(benches);

//! The prologue's cost in isolation: `fib(25)` (242 785 calls, nearly all of them tiny)
//! compiled with the stack check and without it (`--no-stack-check`), on the fixed
//! strategy, through the library. Criterion reports the time per call of `fib`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use morestack::{compile, CompileOptions, StackConfig, Strategy};

const SRC: &str = r#"package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	println(fib(10))
}
"#;

/// Calls of `fib` made by `fib(25)`.
const CALLS: u64 = 242_785;

fn prologue(c: &mut Criterion) {
    let mut g = c.benchmark_group("prologue");
    g.throughput(Throughput::Elements(CALLS));
    g.sample_size(30);
    let cfg = StackConfig::fixed(1 << 30);
    for (label, check) in [("with_check", true), ("without_check", false)] {
        let opts = CompileOptions {
            stack_check: check,
            ..CompileOptions::for_strategy(Strategy::Fixed)
        };
        let prog = compile("fib.go", SRC, &opts).unwrap();
        assert_eq!(
            prog.call("fib", &[25], &cfg, &mut std::io::sink()),
            Ok(vec![75025])
        );
        g.bench_function(label, |b| {
            b.iter(|| prog.call("fib", &[25], &cfg, &mut std::io::sink()).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, prologue);
criterion_main!(benches);

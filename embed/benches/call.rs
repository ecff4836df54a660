//! The cost of one call on a reused stack object against a plain call of the same JIT
//! code: `cargo bench -p morestack-cranelift --bench call`.
//!
//! The code is the example language's `def add1(x) = x + 1; add1(41)` (two functions with
//! the stack check). "plain" calls its entry trampoline directly on the thread's own
//! stack, with a free-standing context whose guard is 0 (the check always passes);
//! "stack object" is `Stack::call` on a reused segmented / copying / fixed stack: the
//! type check of the arguments, the switch to the program stack and back, and the
//! result.

#[path = "../examples/lang.rs"]
#[allow(dead_code)]
mod lang;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use morestack_cranelift::{CodeKind, Context, Stack};

fn bench(c: &mut Criterion) {
    let src = "def add1(x) = x + 1;\nadd1(41)\n";
    let mut g = c.benchmark_group("call");
    for strategy in ["segmented", "copying", "fixed"] {
        let cfg = lang::config(strategy, 16).unwrap();
        let prog = lang::compile(src, CodeKind::for_strategy(cfg.strategy)).unwrap();
        let mut stack: Stack<lang::CheckFailed> =
            Stack::new(&lang::config(strategy, prog.reserve).unwrap()).unwrap();
        g.bench_function(format!("stack object ({strategy})"), |b| {
            b.iter(|| {
                // SAFETY: the program was compiled for this strategy and the reserve.
                let r = unsafe { stack.call::<(), (i64,)>(&prog.entry, ()) };
                black_box(r.unwrap())
            })
        });
        if strategy == "segmented" {
            let ptr = prog.entry_ptr();
            g.bench_function("plain call of the entry trampoline", |b| {
                let mut ctx = Context::default();
                let mut res = [0i64; 2];
                b.iter(|| {
                    // SAFETY: guard 0: the checks pass on this thread's stack; the code
                    // makes no host call.
                    unsafe { ptr(&mut ctx, std::ptr::null(), res.as_mut_ptr()) };
                    black_box(res[0])
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

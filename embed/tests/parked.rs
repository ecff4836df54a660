//! What a parked goroutine costs (ignored, a measurement: `cargo test --release -p
//! morestack-cranelift --test parked -- --ignored --nocapture`): N goroutines that each
//! block on a channel nobody sends on, counted in the process's resident memory while
//! they are parked.

mod common;

use common::*;
use cranelift_codegen::ir::{InstBuilder, Value};
use cranelift_frontend::FunctionBuilder;
use morestack_cranelift::*;

fn rss_kb() -> i64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    let l = s.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    l.split_whitespace().nth(1).unwrap().parse().unwrap()
}

unsafe extern "C" fn measure(_ctx: *mut Context, _v: i64) -> i64 {
    rss_kb()
}

/// main(n): n goroutines parked on `ch`; returns the growth of the resident memory
/// (KiB) from before they started.
fn parked_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let i64t = cranelift_codegen::ir::types::I64;
    let zero = b.ins().iconst(i64t, 0);
    let kb0 = emit_host_call(b, measure as *const () as usize, &[zero], &[i64t]).unwrap()[0];
    let ch = env.host(b, "chan_make", &[zero])[0];
    counted(b, env, p[0], zero, &|b, env, _i, acc| {
        env.go(b, "parker", &[ch]);
        acc
    });
    env.host(b, "gosched", &[]);
    let kb = emit_host_call(
        b,
        measure as *const () as usize,
        &[zero],
        &[cranelift_codegen::ir::types::I64],
    )
    .unwrap()[0];
    let kb = b.ins().isub(kb, kb0);
    b.ins().return_(&[kb]);
}

fn parker(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let r = env.host(b, "chan_recv", &[p[0]])[0];
    b.ins().return_(&[r]);
}

#[test]
#[ignore]
fn parked_goroutine_cost() {
    let n = 200_000i64;
    // One strategy per process (PARKED=name) measures without memory freed by the
    // others; the stress mode is left out: its stacks stay in address order in shared
    // arenas, so every parked goroutine costs two kernel mappings there, and about
    // 30 000 of them exhaust Linux's 65 530 (a clear `Setup` error, not a crash).
    let only = std::env::var("PARKED").ok();
    for (name, cfg) in configs() {
        if name.contains("force") || only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let prog = build(&cfg, &[("main", 1, parked_main), ("parker", 1, parker)]);
        let (r, s) = prog.run(&cfg, (n,));
        let kb = r.unwrap().0;
        let g = s.goroutines.unwrap();
        eprintln!(
            "{name}: {} bytes per parked goroutine (stacks: {} bytes at the peak)",
            kb * 1024 / n,
            g.peak_stack_bytes as i64 / n
        );
    }
}

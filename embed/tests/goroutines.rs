//! Goroutines and channels (issue 12, the runtime half): small programs built with
//! Cranelift that call the runtime's goroutine host functions (`morestack_runtime::host`)
//! the way a code generator must (see "Goroutines" in the runtime's crate docs), run
//! under every stack strategy, the stress mode included.

mod common;

use common::*;
use cranelift_codegen::ir::{
    condcodes::IntCC, types::I64, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind,
    TrapCode, Value,
};
use cranelift_frontend::FunctionBuilder;
use morestack_cranelift::*;

// ---- ping-pong ----

/// main(n): two unbuffered channels; `pong` doubles what main sends; returns the sum.
fn pingpong_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let a = env.host(b, "chan_make", &[zero])[0];
    let c = env.host(b, "chan_make", &[zero])[0];
    env.go(b, "pong", &[a, c, p[0]]);
    let sum = counted(b, env, p[0], zero, &|b, env, i, acc| {
        env.host(b, "chan_send", &[a, i]);
        let v = env.host(b, "chan_recv", &[c])[0];
        b.ins().iadd(acc, v)
    });
    b.ins().return_(&[sum]);
}

fn pong(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let (a, c, n) = (p[0], p[1], p[2]);
    let zero = b.ins().iconst(I64, 0);
    counted(b, env, n, zero, &|b, env, _i, acc| {
        let v = env.host(b, "chan_recv", &[a])[0];
        // Deep enough to grow (and, in the stress mode, move) the stack every time.
        let d = b.ins().iconst(I64, 20);
        let r = env.call(b, "rec", &[d]);
        let v2 = b.ins().iadd(v, v);
        let v2 = b.ins().iadd(v2, r);
        let v2 = b.ins().iadd_imm_s(v2, -210);
        env.host(b, "chan_send", &[c, v2]);
        acc
    });
    b.ins().return_(&[zero]);
}

#[test]
fn ping_pong_over_an_unbuffered_channel() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, pingpong_main),
                ("pong", 3, pong),
                ("rec", 1, rec_body),
            ],
        );
        let n = 1000i64;
        let (r, s) = prog.run(&cfg, (n,));
        assert_eq!(r, Ok((n * (n - 1),)), "{name}");
        let g = s.goroutines.clone().expect("goroutine stats");
        assert_eq!(g.created, 1, "{name}");
        assert_eq!(g.peak_alive, 2, "{name}");
        assert!(g.switches >= 2 * n as u64, "{name}: {g:?}");
        assert_eq!(g.channels, 2, "{name}");
        if name.starts_with("copying") {
            assert!(s.copying.as_ref().unwrap().moves > 0, "{name}: {s:?}");
        }
    }
}

/// A stack object runs goroutines call after call: each call's goroutines and channels
/// end with it, the pool of goroutine stacks stays, the statistics add up.
#[test]
fn a_stack_object_runs_goroutines_call_after_call() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, pingpong_main),
                ("pong", 3, pong),
                ("rec", 1, rec_body),
            ],
        );
        let mut stack: Stack<String> = Stack::new(&StackConfig {
            reserve: prog.reserve,
            ..cfg.clone()
        })
        .unwrap();
        for (k, n) in [(1u64, 100i64), (2, 300), (3, 10)] {
            // SAFETY: compiled for this strategy with its reserve.
            let r: Result<(i64,), _> = unsafe { stack.call(&prog.entries["main"], (n,)) };
            assert_eq!(r, Ok((n * (n - 1),)), "{name} {k}");
            let g = stack.stats().goroutines.unwrap();
            assert_eq!(
                (g.created, g.peak_alive, g.channels),
                (k, 2, 2 * k),
                "{name}"
            );
        }
    }
}

// ---- buffered FIFO, close, recv ok ----

fn fifo_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let three = b.ins().iconst(I64, 3);
    let ch = env.host(b, "chan_make", &[three])[0];
    for v in [10, 20, 30] {
        let v = b.ins().iconst(I64, v);
        env.host(b, "chan_send", &[ch, v]);
    }
    env.host(b, "chan_close", &[ch]);
    for _ in 0..4 {
        let r = env.host(b, "chan_recv", &[ch]);
        env.host(b, "record", &[r[0]]);
        env.host(b, "record", &[r[1]]);
    }
    let n = env.host(b, "num_goroutine", &[])[0];
    b.ins().return_(&[n]);
}

#[test]
fn buffered_channel_is_fifo_and_close_gives_ok_false() {
    for (name, cfg) in configs() {
        let prog = build(&cfg, &[("main", 0, fifo_main)]);
        let (r, _) = prog.run(&cfg, ());
        assert_eq!(r, Ok((1,)), "{name}");
        assert_eq!(take_log(), vec![10, 1, 20, 1, 30, 1, 0, 0], "{name}");
    }
}

// ---- select ----

/// select with default on an empty channel (default), then on a ready one, then a
/// blocking select woken by a goroutine's send, then a select send to a waiting
/// receiver goroutine.
fn select_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let one = b.ins().iconst(I64, 1);
    let empty = env.host(b, "chan_make", &[zero])[0];
    let full = env.host(b, "chan_make", &[one])[0];
    let seven = b.ins().iconst(I64, 7);
    env.host(b, "chan_send", &[full, seven]);
    // 1. default.
    let (i, _, _) = Env::select(b, &[(0, empty, zero)], true);
    env.host(b, "record", &[i]);
    // 2. the ready case of two.
    let (i, v, ok) = Env::select(b, &[(0, empty, zero), (0, full, zero)], true);
    env.host(b, "record", &[i]);
    env.host(b, "record", &[v]);
    env.host(b, "record", &[ok]);
    // 3. blocking: a goroutine sends 42 on `empty` after yielding a few times.
    let c42 = b.ins().iconst(I64, 42);
    env.go(b, "sender", &[empty, c42]);
    let nilch = b.ins().iconst(I64, 0);
    let (i, v, ok) = Env::select(
        b,
        &[(0, nilch, zero), (0, full, zero), (0, empty, zero)],
        false,
    );
    env.host(b, "record", &[i]);
    env.host(b, "record", &[v]);
    env.host(b, "record", &[ok]);
    // 4. a select send to a receiver goroutine that records what it got.
    env.go(b, "receiver", &[empty]);
    env.host(b, "gosched", &[]);
    let c99 = b.ins().iconst(I64, 99);
    let (i, _, _) = Env::select(b, &[(1, empty, c99)], false);
    env.host(b, "record", &[i]);
    env.host(b, "gosched", &[]);
    // 5. a closed channel is ready for receive: (0, false).
    env.host(b, "chan_close", &[full]);
    let (i, v, ok) = Env::select(b, &[(0, full, zero)], false);
    env.host(b, "record", &[i]);
    env.host(b, "record", &[v]);
    env.host(b, "record", &[ok]);
    b.ins().return_(&[zero]);
}

fn sender(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    for _ in 0..3 {
        env.host(b, "gosched", &[]);
    }
    env.host(b, "chan_send", &[p[0], p[1]]);
    let zero = b.ins().iconst(I64, 0);
    b.ins().return_(&[zero]);
}

fn receiver(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let v = env.host(b, "chan_recv", &[p[0]])[0];
    let v = b.ins().iadd_imm_s(v, 1000);
    env.host(b, "record", &[v]);
    let zero = b.ins().iconst(I64, 0);
    b.ins().return_(&[zero]);
}

#[test]
fn select_with_default_ready_blocking_and_send() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 0, select_main),
                ("sender", 2, sender),
                ("receiver", 1, receiver),
            ],
        );
        let (r, _) = prog.run(&cfg, ());
        assert_eq!(r, Ok((0,)), "{name}");
        assert_eq!(
            take_log(),
            vec![-1, 1, 7, 1, 2, 42, 1, 0, 1099, 0, 0, 0],
            "{name}"
        );
    }
}

// ---- select fairness ----

/// 4000 selects over two always-ready channels: each case is picked about half the time.
fn fair_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let big = b.ins().iconst(I64, 10_000);
    let a = env.host(b, "chan_make", &[big])[0];
    let c = env.host(b, "chan_make", &[big])[0];
    let n = b.ins().iconst(I64, 4000);
    counted(b, env, n, zero, &|b, env, i, acc| {
        env.host(b, "chan_send", &[a, i]);
        env.host(b, "chan_send", &[c, i]);
        acc
    });
    let ones = counted(b, env, n, zero, &|b, _env, _i, acc| {
        let zero = b.ins().iconst(I64, 0);
        let (i, _, _) = Env::select(b, &[(0, a, zero), (0, c, zero)], false);
        b.ins().iadd(acc, i)
    });
    b.ins().return_(&[ones]);
}

#[test]
fn select_picks_uniformly_among_ready_cases() {
    let cfg = StackConfig::copying(2 << 10, 1 << 30, false);
    let prog = build(&cfg, &[("main", 0, fair_main)]);
    let (r, _) = prog.run(&cfg, ());
    let ones = r.unwrap().0;
    assert!((1700..2300).contains(&ones), "{ones} of 4000");
}

// ---- deadlock, panics ----

fn deadlock_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let ch = env.host(b, "chan_make", &[zero])[0];
    env.go(b, "blocked", &[ch]);
    let r = env.host(b, "chan_recv", &[ch])[0];
    b.ins().return_(&[r]);
}

/// Blocks for ever: receives on a nil channel.
fn blocked(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    env.host(b, "chan_recv", &[zero]);
    b.ins().return_(&[zero]);
}

#[test]
fn all_goroutines_asleep_is_a_deadlock() {
    for (name, cfg) in configs() {
        let prog = build(&cfg, &[("main", 0, deadlock_main), ("blocked", 1, blocked)]);
        let (r, _) = prog.run(&cfg, ());
        assert_eq!(
            r,
            Err(CallError::Fatal(
                "all goroutines are asleep - deadlock!".into()
            )),
            "{name}"
        );
        // The error text and exit status are Go's.
        let e = morestack_runtime::RunError::Fatal("all goroutines are asleep - deadlock!".into());
        assert_eq!(
            e.go_message(),
            "fatal error: all goroutines are asleep - deadlock!\n"
        );
    }
}

fn panics_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let one = b.ins().iconst(I64, 1);
    let ch = env.host(b, "chan_make", &[zero])[0];
    // Case selected by p[0]: 0 close(nil) in a goroutine, 1 close twice, 2 send on a
    // closed channel, 3 a sender blocked when the channel is closed, 4 make(chan, -1).
    let blocks: Vec<_> = (0..5).map(|_| b.create_block()).collect();
    for (k, &blk) in blocks.iter().enumerate() {
        let is = b.ins().icmp_imm_s(IntCC::Equal, p[0], k as i64);
        let next = b.create_block();
        b.ins().brif(is, blk, &[], next, &[]);
        b.switch_to_block(next);
    }
    b.ins().return_(&[zero]);
    // 0
    b.switch_to_block(blocks[0]);
    env.go(b, "close_nil", &[]);
    env.host(b, "chan_recv", &[ch]);
    b.ins().return_(&[zero]);
    // 1
    b.switch_to_block(blocks[1]);
    env.host(b, "chan_close", &[ch]);
    env.host(b, "chan_close", &[ch]);
    b.ins().return_(&[zero]);
    // 2
    b.switch_to_block(blocks[2]);
    env.host(b, "chan_close", &[ch]);
    env.host(b, "chan_send", &[ch, one]);
    b.ins().return_(&[zero]);
    // 3
    b.switch_to_block(blocks[3]);
    env.go(b, "send_one", &[ch]);
    env.host(b, "gosched", &[]);
    env.host(b, "chan_close", &[ch]);
    env.host(b, "record", &[one]);
    env.host(b, "gosched", &[]);
    b.ins().return_(&[zero]);
    // 4
    b.switch_to_block(blocks[4]);
    let m1 = b.ins().iconst(I64, -1);
    env.host(b, "chan_make", &[m1]);
    b.ins().return_(&[zero]);
}

fn close_nil(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    env.host(b, "chan_close", &[zero]);
    b.ins().return_(&[zero]);
}

fn send_one(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let one = b.ins().iconst(I64, 1);
    env.host(b, "chan_send", &[p[0], one]);
    b.ins().return_(&[one]);
}

#[test]
fn channel_panics_end_the_run_from_any_goroutine() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, panics_main),
                ("close_nil", 0, close_nil),
                ("send_one", 1, send_one),
            ],
        );
        for (k, text) in [
            (0, "close of nil channel"),
            (1, "close of closed channel"),
            (2, "send on closed channel"),
            (3, "send on closed channel"),
            (4, "makechan: size out of range"),
        ] {
            let (r, _) = prog.run(&cfg, (k as i64,));
            assert_eq!(r, Err(CallError::Panic(text.into())), "{name} {k}");
            if k == 3 {
                // Main went on after the close; the sender panicked when it ran again.
                assert_eq!(take_log(), vec![1], "{name}");
            }
        }
    }
}

// ---- many goroutines ----

#[test]
fn a_hundred_thousand_goroutines_grow_their_stacks() {
    let n: i64 = if cfg!(target_arch = "aarch64") {
        10_000
    } else {
        100_000
    };
    let depth = 40i64; // > 10 KiB of frames: every 2 KiB stack grows
    for (name, cfg) in configs() {
        // The stress mode moves at every host call: fewer goroutines.
        let n = if name.contains("force") { n / 20 } else { n };
        let prog = build(
            &cfg,
            &[
                ("main", 2, many_main),
                ("worker", 2, worker),
                ("rec", 1, rec_body),
            ],
        );
        let (r, s) = prog.run(&cfg, (n, depth));
        assert_eq!(r, Ok((n * depth * (depth + 1) / 2,)), "{name}");
        assert_eq!(take_log(), vec![n + 1], "{name}");
        let g = s.goroutines.clone().unwrap();
        assert_eq!(g.created, n as u64, "{name}");
        assert_eq!(g.peak_alive, n as u64 + 1, "{name}");
        if name != "fixed" {
            assert!(
                s.morestack_calls >= n as u64,
                "{name}: every goroutine grew: {s:?}"
            );
        }
        eprintln!("{name}: {g:?}");
    }
}

// ---- a pointer into a goroutine's own stack across moves ----

/// holder(ch, k): keeps `k` in a slot of its frame and a pointer to it across deep
/// recursions (growth, moves), Gosched (other goroutines run and move their stacks)
/// and channel operations; sends `*p + rec(30)`.
fn holder(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 64, 3));
    b.ins().stack_store(I64, p[1], slot, 0);
    let ptr = b.ins().stack_addr(I64, slot, 0);
    let d = b.ins().iconst(I64, 30);
    let r1 = env.call(b, "rec", &[d]);
    env.host(b, "gosched", &[]);
    let zero = b.ins().iconst(I64, 0);
    let tmp = env.host(b, "chan_make", &[zero])[0];
    env.host(b, "num_goroutine", &[]);
    let _ = tmp;
    let r2 = env.call(b, "rec", &[d]);
    env.host(b, "gosched", &[]);
    let v = b.ins().load(I64, MemFlagsData::trusted(), ptr, 0);
    let s = b.ins().iadd(v, r1);
    let s = b.ins().isub(s, r2);
    let s2 = b.ins().iadd(s, r2);
    env.host(b, "chan_send", &[p[0], s2]);
    b.ins().return_(&[zero]);
}

fn holders_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let ch = env.host(b, "chan_make", &[zero])[0];
    counted(b, env, p[0], zero, &|b, env, i, acc| {
        let k = b.ins().imul_imm_s(i, 1000);
        env.go(b, "holder", &[ch, k]);
        acc
    });
    let sum = counted(b, env, p[0], zero, &|b, env, _i, acc| {
        let v = env.host(b, "chan_recv", &[ch])[0];
        b.ins().iadd(acc, v)
    });
    b.ins().return_(&[sum]);
}

#[test]
fn a_pointer_into_a_goroutine_stack_survives_moves_while_others_run() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, holders_main),
                ("holder", 2, holder),
                ("rec", 1, rec_body),
            ],
        );
        let n = 200i64;
        let (r, s) = prog.run(&cfg, (n,));
        let expect = (0..n).map(|i| i * 1000 + 465).sum::<i64>();
        assert_eq!(r, Ok((expect,)), "{name}");
        if name == "copying force-move" {
            assert!(s.copying.as_ref().unwrap().moves >= 5 * n as u64, "{s:?}");
        }
    }
}

// ---- errors in a goroutine other than main's ----

/// An embedder's host function that fails with its own error.
unsafe extern "C" fn fail_host(ctx: *mut Context, v: i64) -> i64 {
    // SAFETY: called through the thunk; nothing here needs Drop.
    unsafe { fail(ctx, format!("failed with {v}")) }
}

/// main(k): starts `failer(k)` and waits on a channel nobody sends on; the failer ends
/// the run: k = 0 a trap, 1 a stack overflow (endless recursion), 2 `panic` through the
/// runtime's panic host function, 3 an embedder's host function that fails.
fn errors_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let ch = env.host(b, "chan_make", &[zero])[0];
    env.go(b, "failer", &[p[0]]);
    let r = env.host(b, "chan_recv", &[ch])[0];
    b.ins().return_(&[r]);
}

fn failer(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let (trap, not_trap, overflow, panic) = (
        b.create_block(),
        b.create_block(),
        b.create_block(),
        b.create_block(),
    );
    b.ins().brif(p[0], not_trap, &[], trap, &[]);
    b.switch_to_block(trap);
    b.ins().trap(TrapCode::user(42).unwrap());
    b.switch_to_block(not_trap);
    let is1 = b.ins().icmp_imm_s(IntCC::Equal, p[0], 1);
    b.ins().brif(is1, overflow, &[], panic, &[]);
    b.switch_to_block(overflow);
    let big = b.ins().iconst(I64, 1 << 40);
    let r = env.call(b, "rec", &[big]);
    b.ins().return_(&[r]);
    b.switch_to_block(panic);
    let (is3, not3) = (b.create_block(), b.create_block());
    let three = b.ins().icmp_imm_s(IntCC::Equal, p[0], 3);
    b.ins().brif(three, is3, &[], not3, &[]);
    b.switch_to_block(is3);
    let r = emit_host_call(b, fail_host as *const () as usize, &[p[0]], &[I64]).unwrap()[0];
    b.ins().return_(&[r]);
    b.switch_to_block(not3);
    let code = b.ins().iconst(I64, morestack_runtime::panic_code::INT);
    let v = b.ins().iconst(I64, 77);
    emit_host_call(
        b,
        morestack_runtime::host::panic as *const () as usize,
        &[code, v, v],
        &[I64],
    )
    .unwrap();
    b.ins().return_(&[v]);
}

#[test]
fn a_trap_an_overflow_a_panic_or_a_failed_host_call_in_a_goroutine_ends_the_run() {
    for (name, cfg) in configs() {
        let cfg = StackConfig {
            stack_max: 1 << 20,
            ..cfg
        };
        let prog = build(
            &cfg,
            &[
                ("main", 1, errors_main),
                ("failer", 1, failer),
                ("rec", 1, rec_body),
            ],
        );
        let (r, _) = prog.run(&cfg, (0i64,));
        assert_eq!(
            r,
            Err(CallError::Trap(TrapCode::user(42).unwrap())),
            "{name}"
        );
        let (r, _) = prog.run(&cfg, (1i64,));
        assert_eq!(
            r,
            Err(CallError::StackOverflow { limit: 1 << 20 }),
            "{name}"
        );
        let (r, _) = prog.run(&cfg, (2i64,));
        assert_eq!(r, Err(CallError::Panic("77".into())), "{name}");
        let (r, _) = prog.run(&cfg, (3i64,));
        assert_eq!(r, Err(CallError::Host("failed with 3".into())), "{name}");
    }
}

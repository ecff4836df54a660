//! Tests of the runtime on its own: the arch modules' `test_code` stands in for generated
//! code (an entry trampoline and a recursive function with the stack-check prologue).

use crate::arch::test_code;
use crate::host_impl::panic_text;
use crate::state::test_hook;
use crate::{
    host, panic_code, Context, EntryFn, HostFn, RunError, RunStats, SegmentCache, StackConfig,
    Strategy,
};

/// [`crate::run`] for the tests, whose entries are the arch modules' `test_code`
/// trampolines, called with the arguments each expects.
fn run(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> Result<RunStats, RunError> {
    // SAFETY: see above; the test code is part of this crate and always mapped.
    unsafe { crate::run(cfg, entry, args, results, out) }
}

/// [`crate::run_with_stats`] for the tests (see [`run`]).
fn run_with_stats(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> (RunStats, Result<(), RunError>) {
    // SAFETY: as in `run`.
    unsafe { crate::run_with_stats(cfg, entry, args, results, out) }
}
use std::io::{self, Write};

fn cfg(stack_max: usize) -> StackConfig {
    StackConfig::fixed(stack_max)
}

/// A host function for the tests: returns `a + b + c`.
unsafe extern "C" fn add3(_ctx: *mut Context, a: i64, b: i64, c: i64) -> i64 {
    a + b + c
}

/// Runs `rec(0, limit, f, a, c, k)` through the test entry trampoline.
fn run_rec(
    stack_max: usize,
    limit: i64,
    f: HostFn,
    a: i64,
    c: i64,
    k: i64,
) -> (Result<RunStats, RunError>, i64, String) {
    run_rec_on(&cfg(stack_max), limit, f, a, c, k)
}

/// As [`run_rec`], on the stack `cfg` describes.
fn run_rec_on(
    cfg: &StackConfig,
    limit: i64,
    f: HostFn,
    a: i64,
    c: i64,
    k: i64,
) -> (Result<RunStats, RunError>, i64, String) {
    let args = [limit, f as *const () as usize as i64, a, c, k];
    let mut results = [0i64; 1];
    let mut out = Vec::new();
    let r = run(cfg, test_code::entry, &args, &mut results, &mut out);
    (r, results[0], String::from_utf8(out).unwrap())
}

#[test]
fn host_print_through_thunk() {
    let (r, res, out) = run_rec(1 << 20, 0, host::print_int, -42, 0, 7);
    let stats = r.unwrap();
    assert_eq!(out, "-42");
    assert_eq!(res, 7);
    assert_eq!(stats.host_calls, 1);
    assert_eq!(stats.morestack_calls, 0);
    assert_eq!(stats.strategy, Strategy::Fixed);
    assert!(stats.stack_reserved >= 1 << 20);

    let (r, _, out) = run_rec(1 << 20, 3, host::print_bool, 1, 0, 0);
    r.unwrap();
    assert_eq!(out, "true");
    let (r, _, out) = run_rec(1 << 20, 3, host::print_bool, 0, 0, 0);
    r.unwrap();
    assert_eq!(out, "false");
    let s = "hello, world\n";
    let (r, _, out) = run_rec(
        1 << 20,
        s.len() as i64,
        host::print_str,
        s.as_ptr() as i64,
        0,
        0,
    );
    r.unwrap();
    assert_eq!(out, s);
}

#[test]
fn deep_recursion_keeps_arguments() {
    let (r, res, _) = run_rec(64 << 20, 20_000, add3, 1000, 5, 3);
    let stats = r.unwrap();
    assert_eq!(res, 1000 + 20_000 + 5 + 3);
    // 20 000 frames of 256 bytes.
    assert!(stats.peak_stack >= 20_000 * 256, "{stats:?}");
    assert!(stats.peak_stack < 20_000 * 256 + (64 << 10), "{stats:?}");
}

#[test]
fn overflow_is_an_error_and_the_thread_recovers() {
    for max in [16 << 10, 1 << 20, (1 << 20) + 100] {
        let (r, _, _) = run_rec(max, -1, add3, 0, 0, 0);
        assert_eq!(r.unwrap_err(), RunError::StackOverflow { limit: max });
    }
    let (r, res, _) = run_rec(1 << 20, 100, add3, 1, 1, 1);
    r.unwrap();
    assert_eq!(res, 103);
}

#[test]
fn stats_after_an_overflow() {
    let args = [-1, add3 as *const () as usize as i64, 0, 0, 0];
    let mut results = [0i64; 1];
    let (stats, r) = run_with_stats(
        &cfg(1 << 20),
        test_code::entry,
        &args,
        &mut results,
        &mut io::sink(),
    );
    assert_eq!(r.unwrap_err(), RunError::StackOverflow { limit: 1 << 20 });
    assert_eq!(stats.morestack_calls, 1);
    assert_eq!(stats.host_calls, 0);
    assert!(stats.peak_stack > (1 << 20) - 4096, "{stats:?}");
    assert!(stats.peak_stack <= 1 << 20, "{stats:?}");
}

#[test]
fn panic_deep_in_recursion() {
    let (r, _, _) = run_rec(16 << 20, 5000, host::panic, panic_code::INT, 0, 0);
    assert_eq!(r.unwrap_err(), RunError::Panic("5000".into()));
    let (r, _, _) = run_rec(16 << 20, 5, host::panic, panic_code::INDEX, 3, 0);
    assert_eq!(
        r.unwrap_err(),
        RunError::Panic("runtime error: index out of range [5] with length 3".into())
    );
    let (r, _, _) = run_rec(16 << 20, 0, host::panic, panic_code::DIVIDE, 0, 0);
    assert_eq!(
        r.unwrap_err().go_message().lines().next().unwrap(),
        "panic: runtime error: integer divide by zero"
    );
    // The thread is fine afterwards.
    let (r, res, _) = run_rec(1 << 20, 10, add3, 1, 1, 1);
    r.unwrap();
    assert_eq!(res, 13);
}

#[test]
fn panic_texts() {
    let t = |code, b, c| unsafe { panic_text(code, b, c) };
    assert_eq!(
        t(panic_code::DIVIDE, 0, 0),
        "runtime error: integer divide by zero"
    );
    assert_eq!(
        t(panic_code::INDEX, 5, 3),
        "runtime error: index out of range [5] with length 3"
    );
    assert_eq!(
        t(panic_code::INDEX, -1, 3),
        "runtime error: index out of range [-1]"
    );
    assert_eq!(
        t(panic_code::NEGATIVE_SHIFT, 0, 0),
        "runtime error: negative shift amount"
    );
    assert_eq!(
        t(panic_code::NIL, 0, 0),
        "runtime error: invalid memory address or nil pointer dereference"
    );
    assert_eq!(t(panic_code::INT, 42, 0), "42");
    assert_eq!(t(panic_code::INT, -7, 0), "-7");
    assert_eq!(t(panic_code::BOOL, 1, 0), "true");
    assert_eq!(t(panic_code::BOOL, 0, 0), "false");
    let s = "boom";
    assert_eq!(t(panic_code::STR, s.as_ptr() as i64, 4), "boom");
    assert_eq!(t(panic_code::STR, 0, 0), "");
}

#[test]
fn go_messages() {
    assert_eq!(
        RunError::Panic("boom".into()).go_message().lines().next(),
        Some("panic: boom")
    );
    assert_eq!(
        RunError::StackOverflow {
            limit: 1_000_000_000
        }
        .go_message(),
        "runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: stack overflow\n"
    );
    assert_eq!(RunError::Panic("x".into()).to_string(), "panic: x");
    let stats = RunStats::default().to_string();
    assert!(
        stats.starts_with("strategy: copying\nstack_reserved: 0\n"),
        "{stats}"
    );
    assert_eq!(stats.lines().count(), 6);
}

#[test]
fn morestack_restarts_with_arguments_intact() {
    // The test hook starts the guard 64 KiB below the top and lowers it by 64 KiB at each
    // morestack call, restarting the function from the stub: 1000 frames of 256 bytes
    // (256 000 bytes) hit it at 64, 128 and 192 KiB.
    test_hook::set_regrow(10, 64 << 10);
    let (r, res, _) = run_rec(1 << 20, 1000, add3, 11, 22, 33);
    let stats = r.unwrap();
    assert_eq!(res, 11 + 1000 + 22 + 33);
    assert_eq!(stats.morestack_calls, 3);
}

#[test]
fn invalid_configs_are_rejected() {
    for max in [0, 1000, (4 << 10) - 1, usize::MAX, (64usize << 30) + 1] {
        assert!(cfg(max).validate().is_err());
        let (r, _, _) = run_rec(max, 0, add3, 0, 0, 0);
        match r {
            Err(RunError::Setup(t)) => assert!(t.starts_with("invalid stack"), "{t}"),
            other => panic!("{other:?}"),
        }
    }
    assert!(cfg(4 << 10).validate().is_ok());
    assert!(StackConfig::default().validate().is_ok());
    let seg = |min, max| StackConfig::segmented(min, SegmentCache::Keep, max);
    assert!(seg(2 << 10, 4 << 10).validate().is_ok());
    assert!(seg((2 << 10) - 1, 1 << 20).validate().is_err());
    assert!(seg(8 << 10, 4 << 10).validate().is_err());
    let (r, _, _) = run_rec_on(&seg(100, 1 << 20), 0, add3, 0, 0, 0);
    assert!(matches!(r, Err(RunError::Setup(_))), "{r:?}");
}

struct Broken;
impl Write for Broken {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_errors_do_not_panic() {
    let args = [0, host::print_int as *const () as usize as i64, 5, 0, 1];
    let mut results = [0i64; 1];
    let r = run(
        &cfg(1 << 20),
        test_code::entry,
        &args,
        &mut results,
        &mut Broken,
    );
    r.unwrap();
    assert_eq!(results[0], 1);
}

#[test]
fn default_size_stack() {
    let (r, res, _) = run_rec(1_000_000_000, 100_000, add3, 0, 0, 0);
    let stats = r.unwrap();
    assert_eq!(res, 100_000);
    assert!(stats.peak_stack >= 100_000 * 256);
}

#[test]
fn eight_threads_at_once() {
    let threads: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                for round in 0..20 {
                    let n = 1000 + t * 100 + round;
                    match (t + round) % 3 {
                        0 => {
                            let (r, res, out) = run_rec(4 << 20, n, host::print_int, n * 2, 0, t);
                            r.unwrap();
                            assert_eq!(res, t);
                            assert_eq!(out, (n * 2).to_string());
                        }
                        1 => {
                            let (r, _, _) = run_rec(256 << 10, -1, add3, 0, 0, 0);
                            assert_eq!(
                                r.unwrap_err(),
                                RunError::StackOverflow { limit: 256 << 10 }
                            );
                        }
                        _ => {
                            let (r, _, _) = run_rec(4 << 20, n, host::panic, panic_code::INT, 0, 0);
                            assert_eq!(r.unwrap_err(), RunError::Panic(n.to_string()));
                        }
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

/// Recurses for ever on the Rust stack (for the chaining test).
#[allow(unconditional_recursion)]
fn rust_recurse(n: u64) -> u64 {
    let a = std::hint::black_box([n; 64]);
    rust_recurse(a[3] + 1) + a[5]
}

/// The child half of the fault tests: what it does depends on `MORESTACK_RT_FAULT_CHILD`.
#[test]
fn fault_child() {
    match std::env::var("MORESTACK_RT_FAULT_CHILD").as_deref() {
        Ok("guard") => {
            let mut results = [0i64; 1];
            let _ = run(
                &cfg(1 << 20),
                test_code::bad_entry,
                &[],
                &mut results,
                &mut io::sink(),
            );
            unreachable!("the guard-page write must end the process");
        }
        Ok("rust") => {
            crate::install_signal_handlers();
            let t = std::thread::Builder::new().stack_size(256 << 10);
            let _ = t.spawn(|| rust_recurse(0)).unwrap().join();
            unreachable!("the Rust stack overflow must end the process");
        }
        Ok("older-segment") => {
            let c = StackConfig::segmented(2 << 10, SegmentCache::Keep, 16 << 20);
            let _ = run_rec_on(&c, 100, poke_first_segment_guard, 0, 0, 0);
            unreachable!("the write must end the process");
        }
        Ok("spare") => {
            let c = StackConfig::copying(2 << 10, 16 << 20, false);
            let _ = run_rec_on(&c, 2000, poke_spare_guard, 0, 0, 0);
            unreachable!("the write must end the process");
        }
        Ok(m @ ("stale" | "stale-first")) => {
            // "stale-first": the host call's forced move leaves the first stack (a mapping
            // of its own); "stale": after a dozen grows, the old stack is an arena's.
            let depth = if m == "stale" { 2000 } else { 0 };
            let c = StackConfig::copying(2 << 10, 16 << 20, true);
            let _ = run_rec_on(&c, depth, poke_old_sp, 0, 0, 0);
            unreachable!("the write must end the process");
        }
        Ok(m @ ("sigframe" | "onstack")) => {
            // The first run adds SA_ONSTACK to the handlers installed so far; this one
            // comes later and breaks the rule, unless fixed.
            run_rec(1 << 20, 0, add3, 0, 0, 0).0.unwrap();
            let sig = install_plain_handler();
            if m == "onstack" {
                assert!(crate::fix_signal_handlers() >= 1);
                // SAFETY: querying an action.
                let sa = unsafe {
                    let mut sa: libc::sigaction = std::mem::zeroed();
                    libc::sigaction(sig, std::ptr::null(), &mut sa);
                    sa
                };
                assert_ne!(sa.sa_flags & libc::SA_ONSTACK, 0);
                // Everything else is kept.
                assert_ne!(sa.sa_flags & libc::SA_RESTART, 0);
                assert_eq!(sa.sa_sigaction, plain_handler as *const () as usize);
                assert_eq!(unsafe { libc::sigismember(&sa.sa_mask, libc::SIGUSR2) }, 1);
            }
            // SAFETY: getpid/gettid have no preconditions.
            let (pid, tid) = unsafe { (libc::getpid(), libc::gettid()) };
            let args = [
                low_sp as *const () as usize as i64,
                pid as i64,
                tid as i64,
                sig as i64,
            ];
            let mut results = [0i64; 1];
            run(
                &cfg(64 << 10),
                test_code::sig_entry,
                &args,
                &mut results,
                &mut io::sink(),
            )
            .unwrap();
            let n = HANDLED.load(std::sync::atomic::Ordering::Relaxed);
            println!("handled {n} signal(s) on the alternate stack");
            assert_eq!(n, 1);
        }
        _ => {}
    }
}

/// Times [`plain_handler`] ran on an alternate signal stack.
static HANDLED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A handler that touches 4 KiB of its stack, as a real one (a profiler) would.
extern "C" fn plain_handler(_sig: libc::c_int) {
    let mut buf = [0u8; 4096];
    for (i, b) in buf.iter_mut().enumerate() {
        // SAFETY: a write to a local.
        unsafe { std::ptr::write_volatile(b, i as u8) };
    }
    std::hint::black_box(&buf);
    // SAFETY: sigaltstack is async-signal-safe; querying.
    let mut ss: libc::stack_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigaltstack(std::ptr::null(), &mut ss) };
    if ss.ss_flags & libc::SS_ONSTACK != 0 {
        HANDLED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Installs [`plain_handler`] for SIGUSR1 without `SA_ONSTACK` (with `SA_RESTART` and
/// SIGUSR2 in its mask, to see that fixing keeps them); returns the signal.
fn install_plain_handler() -> libc::c_int {
    // SAFETY: installing a handler from a zeroed, then filled, struct.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = plain_handler as *const () as usize;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaddset(&mut sa.sa_mask, libc::SIGUSR2);
        assert_eq!(libc::sigaction(libc::SIGUSR1, &sa, std::ptr::null_mut()), 0);
    }
    libc::SIGUSR1
}

/// The run state behind a host function's context.
///
/// # Safety
/// `ctx` is the context of a run in progress.
unsafe fn state<'a>(ctx: *mut Context) -> &'a crate::state::RunState {
    // SAFETY: as documented; the context is the first field of the run state.
    unsafe { &*(ctx as *const crate::state::RunState) }
}

/// Host function: writes into the guard page of the first segment of the chain.
unsafe extern "C" fn poke_first_segment_guard(ctx: *mut Context, _: i64, _: i64, _: i64) -> i64 {
    // SAFETY: called by the thunk during a segmented run.
    let st = unsafe { state(ctx) };
    assert!(st.seg_cur > 0);
    // SAFETY: a deliberate write to a PROT_NONE page.
    unsafe { ((st.segs[0].guard_page() + 8) as *mut usize).write_volatile(1) };
    0
}

/// Host function: writes into the guard page of a spare copying stack.
unsafe extern "C" fn poke_spare_guard(ctx: *mut Context, _: i64, _: i64, _: i64) -> i64 {
    // SAFETY: called by the thunk during a copying run.
    let st = unsafe { state(ctx) };
    // SAFETY: a deliberate write to a PROT_NONE page.
    unsafe { ((st.cspare[0].guard_page() + 8) as *mut usize).write_volatile(1) };
    0
}

/// Host function (stress mode): writes through the program SP the thunk saw before it
/// moved the stack, a pointer into the old stack.
unsafe extern "C" fn poke_old_sp(ctx: *mut Context, _: i64, _: i64, _: i64) -> i64 {
    // SAFETY: called by the thunk during a copying run.
    let st = unsafe { state(ctx) };
    // SAFETY: a deliberate write to a PROT_NONE page.
    unsafe { (st.ms_sp as *mut usize).write_volatile(1) };
    0
}

/// Host function: an SP 64 bytes above the lowest usable byte of the fixed stack.
unsafe extern "C" fn low_sp(ctx: *mut Context, _: i64, _: i64, _: i64) -> i64 {
    // SAFETY: called by the thunk during a fixed run.
    let st = unsafe { state(ctx) };
    (st.stack_lo + 64) as i64
}

/// Runs [`fault_child`] in a child process with `MORESTACK_RT_FAULT_CHILD=mode`.
fn fault_child_output(mode: &str) -> std::process::Output {
    let exe = std::env::current_exe().unwrap();
    // Under qemu-user the test binary is started through the runner.
    let runner = std::env::var("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER").ok();
    let mut cmd = match (cfg!(target_arch = "aarch64"), runner) {
        (true, Some(r)) => {
            let mut parts = r.split_whitespace();
            let mut c = std::process::Command::new(parts.next().unwrap());
            c.args(parts).arg(&exe);
            c
        }
        _ => std::process::Command::new(&exe),
    };
    cmd.args([
        "--exact",
        "tests::fault_child",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("MORESTACK_RT_FAULT_CHILD", mode)
    .output()
    .unwrap()
}

#[test]
fn guard_page_fault_is_reported() {
    let out = fault_child_output("guard");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("fatal error: stack guard page hit at 0x"),
        "stderr: {stderr}"
    );
}

#[test]
fn other_faults_reach_the_previous_handler() {
    let out = fault_child_output("rust");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "stderr: {stderr}");
    assert!(
        stderr.contains("has overflowed its stack"),
        "stderr: {stderr}"
    );
}

/// Deep recursion on 2 KiB segments: every few frames split; the arguments and the
/// result survive every split and every lessstack, with either cache policy.
#[test]
fn segmented_deep_recursion() {
    for cache in [SegmentCache::None, SegmentCache::Keep] {
        let c = StackConfig::segmented(2 << 10, cache, 64 << 20);
        let (r, res, _) = run_rec_on(&c, 20_000, add3, 1000, 5, 3);
        let stats = r.unwrap();
        assert_eq!(res, 1000 + 20_000 + 5 + 3);
        let s = stats.segments.clone().unwrap();
        // 256-byte frames in 2 KiB segments (1.5 KiB above the reserve, minus the
        // record): at most 5 frames per segment until the chain holds 16 KiB, then
        // segments of 1/8 of the chain: 5 MiB takes about 40 more.
        assert!(s.splits >= 8 + 30 && s.splits < 8 + 60, "{stats:?}");
        assert_eq!(s.max_chain, s.splits + 1, "{stats:?}");
        assert_eq!(s.allocated, s.splits + 1, "{stats:?}");
        assert_eq!(stats.morestack_calls, s.splits);
        match cache {
            SegmentCache::None => assert_eq!(s.freed, s.splits, "{stats:?}"),
            SegmentCache::Keep => assert_eq!(s.freed, 0, "{stats:?}"),
        }
        assert!(stats.peak_stack >= 20_000 * 256, "{stats:?}");
        assert!(stats.peak_stack < 20_000 * 256 * 5 / 4, "{stats:?}");
    }
}

/// The same thread runs twice the same recursion: the second run starts from a fresh
/// chain; with `keep`, the first run's segments did not leak into it.
#[test]
fn segmented_overflow_and_panic_deep_in_a_chain() {
    let c = StackConfig::segmented(2 << 10, SegmentCache::Keep, 1 << 20);
    let (r, _, _) = run_rec_on(&c, -1, add3, 0, 0, 0);
    assert_eq!(r.unwrap_err(), RunError::StackOverflow { limit: 1 << 20 });
    let c = StackConfig::segmented(2 << 10, SegmentCache::None, 16 << 20);
    let (r, _, _) = run_rec_on(&c, 5000, host::panic, panic_code::INT, 0, 0);
    assert_eq!(r.unwrap_err(), RunError::Panic("5000".into()));
    let (r, res, _) = run_rec_on(&c, 100, add3, 1, 1, 1);
    assert_eq!(res, 103);
    // 100 frames of 256 bytes: 5 per 2 KiB segment, then bigger segments.
    let chain = r.unwrap().segments.unwrap().max_chain;
    assert!(chain > 8 && chain <= 100 / 5 + 1, "{chain}");
}

/// Deep recursion on a copying stack that starts at 2 KiB: it doubles about a dozen
/// times, every frame is copied and the arguments and result survive; in the stress mode
/// the host call at the bottom moves the stack once more and every old stack is left
/// inaccessible.
#[test]
fn copying_deep_recursion() {
    for force in [false, true] {
        let c = StackConfig::copying(2 << 10, 64 << 20, force);
        let (r, res, _) = run_rec_on(&c, 20_000, add3, 1000, 5, 3);
        let stats = r.unwrap();
        assert_eq!(res, 1000 + 20_000 + 5 + 3);
        let s = stats.copying.clone().unwrap();
        // 20 000 frames of 256 bytes: 5 MiB, from 2 KiB by doubling.
        assert_eq!(s.grows, 12, "{stats:?}");
        assert_eq!(s.moves, s.grows + force as u64, "{stats:?}");
        assert_eq!(s.peak_size, 8 << 20, "{stats:?}");
        // Each move walks every frame (the frame chain is linked through rbp / x29).
        assert!(s.frames_walked > 20_000, "{stats:?}");
        assert!(s.pointers_adjusted > 20_000, "{stats:?}");
    }
    let c = StackConfig::copying(2 << 10, 1 << 20, false);
    let (r, _, _) = run_rec_on(&c, -1, add3, 0, 0, 0);
    assert_eq!(r.unwrap_err(), RunError::StackOverflow { limit: 1 << 20 });
}

/// Runs `fault_child(mode)`; checks that it exited with status 2 and printed `want`.
fn expect_fatal(mode: &str, want: &str) {
    let out = fault_child_output(mode);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{mode}: stderr: {stderr}");
    assert!(stderr.contains(want), "{mode}: stderr: {stderr}");
}

#[test]
fn older_segment_guard_is_reported() {
    expect_fatal("older-segment", "fatal error: stack guard page hit at 0x");
    expect_fatal(
        "older-segment",
        "(the guard page of an older segment of the chain; morestack bug)",
    );
}

#[test]
fn spare_stack_guard_is_reported() {
    expect_fatal(
        "spare",
        "(the guard page of a spare stack kept for reuse; morestack bug)",
    );
}

#[test]
fn stale_pointer_into_an_old_stack_is_reported() {
    for mode in ["stale", "stale-first"] {
        expect_fatal(mode, "fatal error: stale pointer into an old stack at 0x");
        expect_fatal(mode, "(morestack bug: a pointer was not relocated)");
    }
}

/// A handler installed without `SA_ONSTACK` after the first run, signalled with SP near
/// the bottom of a program stack: the kernel cannot push its frame and forces a SIGSEGV
/// without an address, which is reported as such (not as "SIGSEGV at 0x0").
#[test]
fn failed_signal_frame_push_is_reported() {
    expect_fatal(
        "sigframe",
        "fatal error: could not push a signal frame at sp=0x",
    );
}

/// The same handler after `fix_signal_handlers`: it runs on the alternate stack and the
/// run completes.
#[test]
fn fixed_handlers_run_on_the_alternate_stack() {
    let out = fault_child_output("onstack");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert!(
        stdout.contains("handled 1 signal(s) on the alternate stack"),
        "stdout: {stdout}"
    );
}

/// A thread whose alternate signal stack is too small (or missing) gets one of at least
/// 64 KiB when it runs a program.
#[test]
fn program_threads_get_a_big_alternate_stack() {
    std::thread::spawn(|| {
        // A small one, as a host might have set up.
        let small = vec![0u8; 16 << 10].leak();
        let ss = libc::stack_t {
            ss_sp: small.as_mut_ptr() as *mut libc::c_void,
            ss_flags: 0,
            ss_size: small.len(),
        };
        // SAFETY: `small` is leaked, so it outlives the thread.
        assert_eq!(unsafe { libc::sigaltstack(&ss, std::ptr::null_mut()) }, 0);
        run_rec(1 << 20, 10, add3, 0, 0, 0).0.unwrap();
        // SAFETY: querying.
        let mut now: libc::stack_t = unsafe { std::mem::zeroed() };
        unsafe { libc::sigaltstack(std::ptr::null(), &mut now) };
        assert_eq!(now.ss_flags & libc::SS_DISABLE, 0);
        assert!(now.ss_size >= 64 << 10, "{}", now.ss_size);
        assert!(now.ss_size >= crate::signal::altstack_size());
    })
    .join()
    .unwrap();
}

/// A host function for the stack-object tests: fails with the error `a` when `a` is
/// nonzero (after recording the user data), else returns `c + *user_data`.
unsafe extern "C" fn fail_or_add(ctx: *mut Context, a: i64, _b: i64, c: i64) -> i64 {
    // SAFETY: a host function's context, of a call in progress.
    let data = unsafe { crate::user_data(ctx) } as *mut i64;
    if a != 0 {
        // SAFETY: this frame owns nothing that needs Drop.
        unsafe { crate::host_fail(ctx, Box::new(format!("failed with {a}"))) }
    }
    // SAFETY: the tests set the user data to a live i64.
    c + unsafe { *data }
}

/// Calls `rec` on a stack object: `rec(0, limit, f, a, c, k)`.
fn call_rec(
    stack: &mut crate::GrowableStack,
    limit: i64,
    f: HostFn,
    a: i64,
    k: i64,
) -> Result<i64, RunError> {
    let args = [limit, f as *const () as usize as i64, a, 0, k];
    let mut results = [0i64; 1];
    // SAFETY: the test entry trampoline reads five arguments and writes one result.
    unsafe { stack.call(test_code::entry, args.as_ptr(), results.as_mut_ptr())? };
    Ok(results[0])
}

/// A stack object keeps its stack between calls under every strategy: a deep call grows
/// it, later calls (after a normal return, a host function's failure and an overflow)
/// start at its bottom again, with the user data and the typed host error.
#[test]
fn stack_object_is_reused_between_calls() {
    for c in [
        StackConfig::fixed(8 << 20),
        StackConfig::segmented(2 << 10, SegmentCache::Keep, 8 << 20),
        StackConfig::segmented(2 << 10, SegmentCache::None, 8 << 20),
        StackConfig::copying(2 << 10, 8 << 20, false),
        StackConfig::copying(2 << 10, 8 << 20, true),
    ] {
        let mut stack = crate::GrowableStack::new(&c).unwrap();
        let data = Box::into_raw(Box::new(1000i64));
        stack.set_user_data(data as *mut ());
        for round in 0..3 {
            // `rec` passes its depth as `b` and 0 as `c`: the host function adds `c`.
            assert_eq!(
                call_rec(&mut stack, 10_000, fail_or_add, 0, 7),
                Ok(1007 + round)
            );
            // SAFETY: `data` is live (freed below) and no call is in progress.
            unsafe { *data += 1 };
            let e = call_rec(&mut stack, 5_000 + round, fail_or_add, 42, 0).unwrap_err();
            assert_eq!(e, RunError::Host);
            let err = stack.take_host_error().unwrap();
            assert_eq!(err.downcast_ref::<String>().unwrap(), "failed with 42");
            let e = call_rec(&mut stack, -1, add3, 0, 0).unwrap_err();
            assert_eq!(e, RunError::StackOverflow { limit: 8 << 20 });
            assert_eq!(call_rec(&mut stack, 3, add3, 1, 1), Ok(3 + 1 + 1));
        }
        let s = stack.stats();
        assert!(
            s.morestack_calls > 0 || c.strategy == Strategy::Fixed,
            "{s:?}"
        );
        if let Some(seg) = &s.segments {
            // The first call's chain is the deepest any later call built (at most the
            // overflow's 8 MiB): kept segments were reused, not mapped again.
            if c.segment_cache == SegmentCache::Keep {
                assert!(seg.reused > seg.allocated, "{s:?}");
            }
        }
        if let Some(cs) = &s.copying {
            // Grown once to the overflow's size, never shrunk below what calls need.
            assert!(cs.peak_size >= 4 << 20, "{s:?}");
        }
        // SAFETY: from Box::into_raw above; the stack no longer uses it.
        drop(unsafe { Box::from_raw(data) });
    }
}

/// The host function at the bottom of `test_code::frec`: every integer argument the
/// host-call contract passes beyond `f` (a..e) and the eight float arguments, folded
/// into one exact f64.
#[allow(clippy::too_many_arguments)]
unsafe extern "C" fn fhost(
    _ctx: *mut Context,
    a: i64,
    b: i64,
    c: i64,
    d: i64,
    e: i64,
    x0: f64,
    x1: f64,
    x2: f64,
    x3: f64,
    x4: f64,
    x5: f64,
    x6: f64,
    x7: f64,
) -> f64 {
    fhost_value(a, [b, c, d, e], [x0, x1, x2, x3, x4, x5, x6, x7])
}

fn fhost_value(a: i64, ints: [i64; 4], xs: [f64; 8]) -> f64 {
    let mut v = a as f64;
    for (i, k) in ints.iter().enumerate() {
        v += (*k << (8 * (i + 1))) as f64;
    }
    for (i, x) in xs.iter().enumerate() {
        v += x * (1u64 << (4 * i)) as f64;
    }
    v
}

/// Float/vector argument registers (xmm0-7 / v0-v7, all 128 bits) hold distinct values
/// across every morestack (segmented: both fast and slow paths; copying: every grow, and
/// in the stress mode the move in the host-call thunk), float results come back through
/// lessstack's slow path, and the thunk passes every integer and float argument to the
/// host function.
#[test]
fn float_and_vector_registers_survive_stack_growth() {
    const LIMIT: i64 = 5000;
    // v_i: an exact f64 in the low lane, a distinct bit pattern in the high lane.
    let lo: [f64; 8] = [1.5, -2.25, 3.125, 0.5, 1e3, -7.75, 0.0625, 42.0];
    let hi: [u64; 8] = std::array::from_fn(|i| 0x0123_4567_89ab_cdef ^ (i as u64 * 0x1111));
    let mut args = vec![LIMIT, fhost as *const () as usize as i64];
    for i in 0..8 {
        args.push(lo[i].to_bits() as i64);
        args.push(hi[i] as i64);
    }
    let host = fhost_value(LIMIT, [0x11, 0x22, 0x33, 0x44], lo).to_bits();
    let times = |k: u64, v: u64| v.wrapping_mul(k);
    let mut want = vec![
        host.wrapping_add(times(LIMIT as u64, lo[0].to_bits())) as i64,
        times(LIMIT as u64, hi[0]) as i64,
    ];
    for i in 1..8 {
        want.push(times(LIMIT as u64 + 1, lo[i].to_bits()) as i64);
        want.push(times(LIMIT as u64 + 1, hi[i]) as i64);
    }
    let max = 64 << 20;
    let cfgs = [
        cfg(max),
        StackConfig::segmented(2 << 10, SegmentCache::None, max),
        StackConfig::segmented(2 << 10, SegmentCache::Keep, max),
        StackConfig::copying(2 << 10, max, false),
        StackConfig::copying(2 << 10, max, true),
    ];
    let mut bad = Vec::new();
    for c in &cfgs {
        let mut results = [0i64; 16];
        let (stats, r) = run_with_stats(c, test_code::fentry, &args, &mut results, &mut io::sink());
        r.unwrap();
        if results[..] != want[..] {
            bad.push(format!("{c:?}: got {results:x?}"));
        }
        if c.strategy != Strategy::Fixed {
            assert!(stats.morestack_calls >= 5, "{stats:?}");
        }
        if c.segment_cache == SegmentCache::None && c.strategy == Strategy::Segmented {
            let s = stats.segments.unwrap();
            assert_eq!(s.freed, s.splits, "lessstack's slow path: {s:?}");
        }
        if c.force_move {
            let s = stats.copying.unwrap();
            assert_eq!(s.moves, s.grows + 1, "the thunk's move: {s:?}");
        }
    }
    assert!(bad.is_empty(), "want {want:x?}\n{}", bad.join("\n"));
}

/// Several threads, each with several stack objects of every strategy, run at once and
/// interleave their calls: every stack keeps its own state.
#[test]
fn several_stack_objects_on_several_threads() {
    let threads: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let mut stacks: Vec<crate::GrowableStack> = [
                    StackConfig::segmented(2 << 10, SegmentCache::Keep, 8 << 20),
                    StackConfig::copying(2 << 10, 8 << 20, t % 2 == 1),
                    StackConfig::fixed(8 << 20),
                    StackConfig::segmented(2 << 10, SegmentCache::None, 8 << 20),
                ]
                .iter()
                .map(|c| crate::GrowableStack::new(c).unwrap())
                .collect();
                for round in 0..20i64 {
                    for (i, s) in stacks.iter_mut().enumerate() {
                        let depth = 1000 + 500 * i as i64 + round;
                        assert_eq!(call_rec(s, depth, add3, t, round), Ok(t + depth + round));
                    }
                }
                stacks
                    .iter()
                    .map(|s| s.stats().morestack_calls)
                    .sum::<u64>()
            })
        })
        .collect();
    for t in threads {
        assert!(t.join().unwrap() > 0);
    }
}

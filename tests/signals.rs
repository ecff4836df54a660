//! Asynchronous signals while programs run on small stacks (issue 8, point 6).
//!
//! A profiler's SIGPROF handler installed **without** `SA_ONSTACK` fires every 200 µs of
//! CPU time while 8 threads run deep Go programs on 2 KiB stacks (copying, with and
//! without the stress mode, and segmented with either cache policy), 1000 runs in all.
//! The handler touches 4 KiB of its own stack, as a real one does: had it run on a
//! program stack, it would have faulted there at once. The first run of the process adds
//! `SA_ONSTACK` to it (Go's `setsigstack`), so every signal is handled on the thread's
//! alternate stack. Then the same handler is installed again, after the first run, and
//! the embedder calls `fix_signal_handlers()`, as the runtime's docs require.
//!
//! This file holds a single test, so its first run is the process's first run.
//! `MORESTACK_SIGNAL_RUNS` overrides the number of runs (default 1000; 200 on AArch64,
//! where the tests run under qemu-user).

use morestack::{compile, CompileOptions, Compiled, SegmentCache, StackConfig, Strategy};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Programs from `tests/programs` (outputs recorded from Go) that recurse deeply.
const PROGRAMS: [&str; 3] = ["bench_deep_1k", "reloc_locals_deep", "deep_pointer_chain"];

/// Signals handled, and how many of them on an alternate signal stack.
static HANDLED: AtomicU64 = AtomicU64::new(0);
static ON_ALTSTACK: AtomicU64 = AtomicU64::new(0);

/// A profiler-like handler: 4 KiB of its own stack, then a count.
extern "C" fn prof_handler(_sig: libc::c_int) {
    let mut buf = [0u8; 4096];
    for (i, b) in buf.iter_mut().enumerate() {
        // SAFETY: a write to a local.
        unsafe { std::ptr::write_volatile(b, i as u8) };
    }
    std::hint::black_box(&buf);
    // SAFETY: sigaltstack (a query) is async-signal-safe.
    let mut ss: libc::stack_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigaltstack(std::ptr::null(), &mut ss) };
    if ss.ss_flags & libc::SS_ONSTACK != 0 {
        ON_ALTSTACK.fetch_add(1, Ordering::Relaxed);
    }
    HANDLED.fetch_add(1, Ordering::Relaxed);
}

/// Installs [`prof_handler`] for SIGPROF without `SA_ONSTACK`.
fn install_prof_handler() {
    // SAFETY: installing a handler from a zeroed, then filled, struct.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = prof_handler as *const () as usize;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        assert_eq!(libc::sigaction(libc::SIGPROF, &sa, std::ptr::null_mut()), 0);
    }
    assert!(!prof_onstack());
}

/// Whether the SIGPROF handler has `SA_ONSTACK`.
fn prof_onstack() -> bool {
    // SAFETY: querying an action.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGPROF, std::ptr::null(), &mut sa);
        assert_eq!(sa.sa_sigaction, prof_handler as *const () as usize);
        sa.sa_flags & libc::SA_ONSTACK != 0
    }
}

/// Arms (or, with 0, disarms) the profiling timer.
fn set_prof_timer(usec: i64) {
    let t = libc::timeval {
        tv_sec: 0,
        tv_usec: usec as libc::suseconds_t,
    };
    let it = libc::itimerval {
        it_interval: t,
        it_value: t,
    };
    // SAFETY: setitimer with a valid value.
    assert_eq!(
        unsafe { libc::setitimer(libc::ITIMER_PROF, &it, std::ptr::null_mut()) },
        0
    );
}

fn configs() -> [StackConfig; 3] {
    let max = 256 << 20;
    [
        StackConfig::copying(2 << 10, max, false),
        StackConfig::segmented(2 << 10, SegmentCache::Keep, max),
        StackConfig::copying(2 << 10, max, true),
    ]
}

/// Each program compiled for copying and for segmented stacks, with Go's output.
fn compile_all() -> Vec<(&'static str, Compiled, Compiled, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    PROGRAMS
        .iter()
        .map(|&name| {
            let src = std::fs::read_to_string(dir.join(format!("{name}.go"))).unwrap();
            let want = std::fs::read(dir.join(format!("{name}.out"))).unwrap();
            let c = |s| {
                compile(name, &src, &CompileOptions::for_strategy(s))
                    .unwrap_or_else(|e| panic!("{}", e.render()))
            };
            (name, c(Strategy::Copying), c(Strategy::Segmented), want)
        })
        .collect()
}

/// `runs` runs spread over 8 threads, each with its own compiled programs.
fn run_on_eight_threads(runs: usize) {
    let threads: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                let progs = compile_all();
                let configs = configs();
                for k in (t..runs).step_by(8) {
                    let (name, copying, segmented, want) = &progs[k % progs.len()];
                    let cfg = &configs[(k / progs.len()) % configs.len()];
                    let prog = match cfg.strategy {
                        Strategy::Copying => copying,
                        _ => segmented,
                    };
                    let mut out = Vec::new();
                    prog.run_main(cfg, &mut out)
                        .unwrap_or_else(|e| panic!("{name} ({cfg:?}): {e}"));
                    assert_eq!(
                        String::from_utf8_lossy(&out),
                        String::from_utf8_lossy(want),
                        "{name} ({cfg:?})"
                    );
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

#[test]
fn sigprof_without_sa_onstack_on_eight_threads() {
    let runs: usize = match std::env::var("MORESTACK_SIGNAL_RUNS") {
        Ok(v) => v.parse().expect("MORESTACK_SIGNAL_RUNS"),
        Err(_) if cfg!(target_arch = "aarch64") => 200,
        Err(_) => 1000,
    };
    // Installed before the first run: the first run fixes it.
    install_prof_handler();
    set_prof_timer(200);
    run_on_eight_threads(runs);
    set_prof_timer(0);
    assert!(prof_onstack(), "the first run adds SA_ONSTACK");
    let (handled, on_alt) = (
        HANDLED.load(Ordering::Relaxed),
        ON_ALTSTACK.load(Ordering::Relaxed),
    );
    eprintln!("{runs} runs: {handled} SIGPROF handled, {on_alt} on an alternate stack");
    assert!(handled >= 20, "the timer fired only {handled} times");
    // (Threads that have not run a program yet, e.g. while compiling, may have none.)
    assert!(on_alt >= 10, "{on_alt} of {handled} on an alternate stack");

    // Installed after the first run: the embedder calls fix_signal_handlers().
    install_prof_handler();
    assert!(morestack::fix_signal_handlers() >= 1);
    assert!(prof_onstack());
    set_prof_timer(200);
    run_on_eight_threads(runs / 5);
    set_prof_timer(0);
    // The handler stays installed: a SIGPROF still pending must not end the process.
}

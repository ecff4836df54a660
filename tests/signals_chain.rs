//! The runtime's signal handler plays well in a host process: a fault that is not the
//! runtime's (here: a host function, running during a run, reads a page it protected)
//! goes to the handler the embedder installed before the first run, as the kernel would
//! have delivered it, and the run completes when that handler repairs the fault; with
//! no embedder handler (`SIG_DFL`, or `SIG_IGN`, which the kernel does not honour for a
//! fault), the process dies of SIGSEGV, as it would have without the runtime.
//!
//! Each case runs in a child process (this binary again, test `child`, with
//! `MORESTACK_CHAIN_CHILD=mode`): the runtime installs its handler once per process, at
//! the first run, on top of whatever the process had then.

mod jit_util;

use jit_util::{compile, host_call_body};
use morestack_runtime::{hostcall_thunk, run, Context, StackConfig};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The protected page (set by the child before the run).
static PAGE: AtomicUsize = AtomicUsize::new(0);
/// What the embedder's handler saw: bit 0 it ran, bit 1 si_addr was the page, bit 2
/// SIGUSR2 (in its sa_mask) was blocked, bit 3 SIGSEGV was blocked, bit 4 it ran on an
/// alternate signal stack.
static SEEN: AtomicUsize = AtomicUsize::new(0);

/// Host function: reads the first word of the protected page, plus `a`.
unsafe extern "C" fn read_page(_ctx: *mut Context, a: i64, _: i64, _: i64) -> i64 {
    let p = PAGE.load(Ordering::SeqCst) as *const i64;
    // SAFETY: a mapped page, PROT_NONE until the embedder's handler opens it.
    unsafe { std::ptr::read_volatile(p) + a }
}

/// Makes the page readable and writes 1000 into it (async-signal-safe calls only).
fn open_page() {
    let p = PAGE.load(Ordering::SeqCst);
    // SAFETY: our own mapping of one page.
    unsafe {
        libc::mprotect(
            p as *mut libc::c_void,
            page_size(),
            libc::PROT_READ | libc::PROT_WRITE,
        );
        (p as *mut i64).write_volatile(1000);
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as usize }
}

/// Records what the handler's environment looks like (bits 2-4 of [`SEEN`]).
fn observe() -> usize {
    let mut bits = 1;
    // SAFETY: querying the signal mask and the alternate stack.
    unsafe {
        let mut cur: libc::sigset_t = std::mem::zeroed();
        libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut cur);
        if libc::sigismember(&cur, libc::SIGUSR2) == 1 {
            bits |= 4;
        }
        if libc::sigismember(&cur, libc::SIGSEGV) == 1 {
            bits |= 8;
        }
        let mut ss: libc::stack_t = std::mem::zeroed();
        libc::sigaltstack(std::ptr::null(), &mut ss);
        if ss.ss_flags & libc::SS_ONSTACK != 0 {
            bits |= 16;
        }
    }
    bits
}

/// The embedder's SA_SIGINFO handler.
extern "C" fn siginfo_handler(
    _sig: libc::c_int,
    info: *mut libc::siginfo_t,
    _uc: *mut libc::c_void,
) {
    let mut bits = observe();
    // SAFETY: the kernel's (passed on) siginfo of a SIGSEGV.
    if unsafe { (*info).si_addr() } as usize == PAGE.load(Ordering::SeqCst) {
        bits |= 2;
    }
    SEEN.fetch_or(bits, Ordering::SeqCst);
    open_page();
}

/// The embedder's one-argument handler.
extern "C" fn plain_handler(_sig: libc::c_int) {
    SEEN.fetch_or(observe(), Ordering::SeqCst);
    open_page();
}

/// Sets SIGSEGV's action: `handler` with `flags` and SIGUSR2 in its mask, or `SIG_DFL` /
/// `SIG_IGN`.
fn set_segv(handler: usize, flags: libc::c_int) {
    // SAFETY: installing an action from a zeroed, then filled, struct.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = handler;
        sa.sa_flags = flags;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaddset(&mut sa.sa_mask, libc::SIGUSR2);
        assert_eq!(libc::sigaction(libc::SIGSEGV, &sa, std::ptr::null_mut()), 0);
    }
}

/// SIGSEGV's current action.
fn segv_action() -> libc::sigaction {
    // SAFETY: querying an action.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGSEGV, std::ptr::null(), &mut sa);
        sa
    }
}

/// Maps the protected page and runs a program whose host call reads it.
fn run_reading_the_page(cfg: &StackConfig) -> i64 {
    // SAFETY: a fresh anonymous mapping, PROT_NONE.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            page_size(),
            libc::PROT_NONE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    assert_ne!(p, libc::MAP_FAILED);
    PAGE.store(p as usize, Ordering::SeqCst);
    let j = compile(4, host_call_body, true);
    let args = [
        hostcall_thunk() as i64,
        read_page as *const () as usize as i64,
        7,
        0,
    ];
    let mut results = [0i64; 1];
    // SAFETY: the JIT's entry trampoline for its function, kept mapped by `j`.
    unsafe { run(cfg, j.entry, &args, &mut results, &mut std::io::sink()) }
        .expect("the run completes");
    results[0]
}

#[test]
fn child() {
    let Ok(mode) = std::env::var("MORESTACK_CHAIN_CHILD") else {
        return;
    };
    // SAFETY: setrlimit with a valid value (no core file for the expected crashes).
    unsafe {
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
    }
    let cfg = match mode.split_once('/') {
        Some((_, "copying")) => StackConfig::copying(2 << 10, 1 << 20, false),
        Some((_, "segmented")) => StackConfig::segmented(2 << 10, Default::default(), 1 << 20),
        _ => StackConfig::fixed(1 << 20),
    };
    match mode.split('/').next().unwrap() {
        "siginfo" | "resethand" => {
            let extra = if mode.starts_with("resethand") {
                libc::SA_RESETHAND
            } else {
                0
            };
            set_segv(
                siginfo_handler as *const () as usize,
                libc::SA_SIGINFO | extra,
            );
            let r = run_reading_the_page(&cfg);
            let after = segv_action().sa_sigaction;
            println!(
                "result {r} seen {} reset {}",
                SEEN.load(Ordering::SeqCst),
                after == libc::SIG_DFL
            );
            // The runtime still works: a second run on the thread.
            // SAFETY: the page is ours; protect it again.
            unsafe {
                libc::mprotect(PAGE.load(Ordering::SeqCst) as *mut _, page_size(), 0);
            }
            if !mode.starts_with("resethand") {
                println!("second {}", run_reading_the_page(&cfg));
            }
        }
        "plain" => {
            set_segv(plain_handler as *const () as usize, libc::SA_NODEFER);
            let r = run_reading_the_page(&cfg);
            println!("result {r} seen {}", SEEN.load(Ordering::SeqCst));
        }
        "dfl" => {
            set_segv(libc::SIG_DFL, 0);
            let r = run_reading_the_page(&cfg);
            println!("survived {r}");
        }
        "ign" => {
            set_segv(libc::SIG_IGN, 0);
            let r = run_reading_the_page(&cfg);
            println!("survived {r}");
        }
        m => panic!("unknown mode {m}"),
    }
}

/// Runs [`child`] in a child process with `MORESTACK_CHAIN_CHILD=mode`.
fn child_output(mode: &str) -> (std::process::ExitStatus, String, String) {
    let mut cmd = jit_util::child_test("child");
    let out = cmd.env("MORESTACK_CHAIN_CHILD", mode).output().unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (a) An SA_SIGINFO handler installed before the first run gets the host function's
/// fault with its siginfo, its sa_mask blocked and SIGSEGV blocked, on the alternate
/// stack; it opens the page, and the run completes (twice), on every strategy.
#[test]
fn embedder_siginfo_handler_repairs_a_host_fault() {
    for strategy in ["fixed", "segmented", "copying"] {
        let (status, out, err) = child_output(&format!("siginfo/{strategy}"));
        assert!(status.success(), "{strategy}: {status:?}\n{out}\n{err}");
        // 1000 from the page + 7; bits: ran, si_addr, SIGUSR2 and SIGSEGV blocked,
        // alternate stack.
        assert!(
            out.contains("result 1007 seen 31 reset false"),
            "{strategy}: {out}\n{err}"
        );
        assert!(out.contains("second 1007"), "{strategy}: {out}\n{err}");
    }
}

/// A one-argument handler with SA_NODEFER: called with the signal unblocked.
#[test]
fn embedder_plain_handler_with_nodefer() {
    let (status, out, err) = child_output("plain");
    assert!(status.success(), "{status:?}\n{out}\n{err}");
    // ran, SIGUSR2 blocked, SIGSEGV not blocked, alternate stack.
    assert!(out.contains("result 1007 seen 21"), "{out}\n{err}");
}

/// SA_RESETHAND: the action is SIG_DFL once the handler ran, as the kernel would do.
#[test]
fn embedder_handler_with_resethand() {
    let (status, out, err) = child_output("resethand");
    assert!(status.success(), "{status:?}\n{out}\n{err}");
    assert!(
        out.contains("result 1007 seen 31 reset true"),
        "{out}\n{err}"
    );
}

/// (b) With SIG_DFL (or SIG_IGN) before the first run, the host function's fault kills
/// the process with SIGSEGV, not the runtime's exit status 2.
#[test]
fn default_action_kills_with_sigsegv() {
    use std::os::unix::process::ExitStatusExt;
    for mode in ["dfl", "ign", "dfl/copying"] {
        let (status, out, err) = child_output(mode);
        assert!(!out.contains("survived"), "{mode}: {out}");
        assert_eq!(
            status.signal(),
            Some(libc::SIGSEGV),
            "{mode}: {status:?}\n{err}"
        );
        assert!(!err.contains("fatal error"), "{mode}: {err}");
    }
}

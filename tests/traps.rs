//! Cranelift traps in generated code become run errors (`RunError::Trap`), not process
//! deaths: a `trap`/`trapnz` with user code 42, a signed division by zero (x86-64: a
//! `test` and a `ud2`, SIGILL; AArch64: a `cbz` and a `udf`, SIGILL), an unsigned one
//! (x86-64: the `div` itself faults, SIGFPE), and the overflowing `i64::MIN / -1`
//! (x86-64: `idiv` faults, SIGFPE). Each runs with its traps registered, on every stack
//! strategy; the thread goes on and its next run works. A trap that is not registered
//! kills the process with the signal, as it would have without the runtime (checked in a
//! child process).

mod jit_util;

use cranelift_codegen::ir::TrapCode;
use jit_util::{compile, sdiv_body, trap_block_body, trap_user_body, udiv_body, Jit};
use morestack_runtime::{run, RunError, StackConfig};

fn configs() -> Vec<StackConfig> {
    vec![
        StackConfig::fixed(1 << 20),
        StackConfig::segmented(2 << 10, Default::default(), 1 << 20),
        StackConfig::copying(2 << 10, 1 << 20, false),
        StackConfig::copying(2 << 10, 1 << 20, true),
    ]
}

fn run_jit(j: &Jit, cfg: &StackConfig, args: &[i64]) -> Result<i64, RunError> {
    let mut results = [0i64; 1];
    // SAFETY: the JIT's entry trampoline for its function, kept mapped by `j`.
    unsafe { run(cfg, j.entry, args, &mut results, &mut std::io::sink()) }?;
    Ok(results[0])
}

fn raw(c: TrapCode) -> u8 {
    c.as_raw().get()
}

#[test]
fn user_trap_ends_the_run_and_the_thread_goes_on() {
    let user42 = raw(TrapCode::user(42).unwrap());
    // (body, an argument that traps, an argument that does not, its result)
    let cases: [(jit_util::Body, i64, i64, i64); 2] =
        [(trap_user_body, 5, 0, 1), (trap_block_body, 0, 3, 7)];
    for (body, bad, good, want) in cases {
        let j = compile(1, body, true);
        assert!(j.traps.iter().any(|t| t.1 == user42), "{:?}", j.traps);
        for cfg in configs() {
            let r = run_jit(&j, &cfg, &[bad]);
            assert_eq!(r, Err(RunError::Trap { code: user42 }), "{cfg:?}");
            // The next run on the same thread works.
            assert_eq!(run_jit(&j, &cfg, &[good]), Ok(want), "{cfg:?}");
        }
    }
    let e = RunError::Trap { code: user42 };
    assert_eq!(e.go_message(), format!("morestack: trap {user42}\n"));
    assert_eq!(e.to_string(), format!("morestack: trap {user42}"));
}

#[test]
fn division_traps_end_the_run() {
    let divz = raw(TrapCode::INTEGER_DIVISION_BY_ZERO);
    let ovf = raw(TrapCode::INTEGER_OVERFLOW);
    let sdiv = compile(2, sdiv_body, true);
    let udiv = compile(2, udiv_body, true);
    for cfg in configs() {
        assert_eq!(run_jit(&sdiv, &cfg, &[-42, 5]), Ok(-8));
        assert_eq!(
            run_jit(&sdiv, &cfg, &[42, 0]),
            Err(RunError::Trap { code: divz }),
            "{cfg:?}"
        );
        assert_eq!(
            run_jit(&sdiv, &cfg, &[i64::MIN, -1]),
            Err(RunError::Trap { code: ovf }),
            "{cfg:?}"
        );
        assert_eq!(run_jit(&udiv, &cfg, &[42, 5]), Ok(8));
        assert_eq!(
            run_jit(&udiv, &cfg, &[42, 0]),
            Err(RunError::Trap { code: divz }),
            "{cfg:?}"
        );
        assert_eq!(run_jit(&sdiv, &cfg, &[100, -7]), Ok(-14));
    }
}

/// Traps on several threads at once, each thread running many programs in a row, while
/// another thread keeps registering and unregistering other code's traps.
#[test]
fn traps_on_many_threads() {
    let j = std::sync::Arc::new(compile(2, sdiv_body, true));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let churn = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                drop(compile(1, trap_user_body, true));
            }
        })
    };
    let divz = raw(TrapCode::INTEGER_DIVISION_BY_ZERO);
    let workers: Vec<_> = (0..4)
        .map(|t| {
            let j = j.clone();
            std::thread::spawn(move || {
                let cfg = &configs()[t % 4];
                for i in 0..200i64 {
                    assert_eq!(
                        run_jit(&j, cfg, &[i, 0]),
                        Err(RunError::Trap { code: divz })
                    );
                    assert_eq!(run_jit(&j, cfg, &[i * 3, 3]), Ok(i));
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    churn.join().unwrap();
}

/// Runs this test binary's `child` test in a child process with `MORESTACK_TRAP_CHILD`.
fn child_output(mode: &str) -> std::process::Output {
    let mut cmd = jit_util::child_test("child");
    cmd.env("MORESTACK_TRAP_CHILD", mode).output().unwrap()
}

#[test]
fn child() {
    if std::env::var("MORESTACK_TRAP_CHILD").as_deref() != Ok("unregistered") {
        return;
    }
    // SAFETY: setrlimit with a valid value (no core file for the expected crash).
    unsafe {
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
    }
    let j = compile(1, trap_user_body, false);
    let r = run_jit(&j, &StackConfig::fixed(1 << 20), &[1]);
    println!("survived: {r:?}");
}

/// A trap nobody registered is not the runtime's: the process dies of SIGILL.
#[test]
fn unregistered_trap_kills_with_sigill() {
    use std::os::unix::process::ExitStatusExt;
    let out = child_output("unregistered");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("survived"), "{stdout}");
    assert_eq!(out.status.signal(), Some(libc::SIGILL), "{:?}", out.status);
}

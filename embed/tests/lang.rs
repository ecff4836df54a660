//! The example language (`examples/lang.rs`) as a test: a recursion a million deep on a
//! stack that starts at 8 KiB, under every strategy, with host functions, the
//! embedder's own error, and a stack object reused between calls.

#[path = "../examples/lang.rs"]
#[allow(dead_code)]
mod lang;

use lang::{compile, config, run, CheckFailed, SUM};
use morestack_cranelift::{CallError, CodeKind, Stack, StackConfig};

fn stack_for(strategy: &str, prog: &lang::Program) -> Stack<CheckFailed> {
    let cfg = config(strategy, prog.reserve).unwrap();
    Stack::new(&cfg).unwrap()
}

#[test]
fn a_million_deep_on_an_8k_stack() {
    for strategy in ["segmented", "copying", "fixed"] {
        let cfg = config(strategy, 16).unwrap();
        let prog = compile(SUM, CodeKind::for_strategy(cfg.strategy)).unwrap();
        let mut stack = stack_for(strategy, &prog);
        assert_eq!(run(&prog, &mut stack), Ok((500_000_500_000, String::new())));
        let s = stack.stats();
        // A million frames of at least 16 bytes each: megabytes of stack, grown from
        // 8 KiB by dozens of splits or about a dozen doublings.
        assert!(s.peak_stack >= 16 << 20, "{strategy}: {s:?}");
        match strategy {
            "segmented" => assert!(s.segments.as_ref().unwrap().splits >= 40, "{s:?}"),
            "copying" => assert!(s.copying.as_ref().unwrap().grows >= 11, "{s:?}"),
            _ => assert_eq!(s.morestack_calls, 0),
        }
        // The same stack object runs the program again, starting at its bottom.
        assert_eq!(run(&prog, &mut stack), Ok((500_000_500_000, String::new())));
    }
}

#[test]
fn host_functions_and_the_embedders_error() {
    let src = "def fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2);\n\
               def f(a, b) = print(a) + check(b);\n\
               f(fib(20), 1) + f(3, 2)\n";
    let bad = "def down(n) = if n == 0 then check(0) else down(n - 1);\ndown(100000)\n";
    for strategy in ["segmented", "copying"] {
        let kind = CodeKind::for_strategy(config(strategy, 16).unwrap().strategy);
        let prog = compile(src, kind).unwrap();
        let mut stack = stack_for(strategy, &prog);
        assert_eq!(
            run(&prog, &mut stack),
            Ok((6765 + 1 + 3 + 2, "6765\n3\n".to_string()))
        );
        // `check(0)` 100 000 frames deep ends the call with CheckFailed; the stack
        // object still works afterwards.
        let prog2 = compile(bad, kind).unwrap();
        let mut stack2 = stack_for(strategy, &prog2);
        assert_eq!(run(&prog2, &mut stack2), Err(CallError::Host(CheckFailed)));
        assert_eq!(run(&prog, &mut stack2).map(|r| r.0), Ok(6771));
    }
}

/// A division by zero deep in a recursion is a Cranelift trap: the call ends with
/// `CallError::Trap` and its code, and the stack object and the thread go on.
#[test]
fn traps_end_the_call() {
    use cranelift_codegen::ir::TrapCode;
    let src = "def down(n, d) = if n == 0 then 100 / d else down(n - 1, d) + 1;\n\
               down(50000, 0) + down(3, 0 - 1) + (0 - 9223372036854775807 - 1) / (0 - 1)\n";
    let ok = "def down(n, d) = if n == 0 then 100 / d else down(n - 1, d) + 1;\ndown(50000, 5)\n";
    for strategy in ["segmented", "copying", "fixed"] {
        let kind = CodeKind::for_strategy(config(strategy, 16).unwrap().strategy);
        let prog = compile(src, kind).unwrap();
        let good = compile(ok, kind).unwrap();
        let mut stack = stack_for(strategy, &prog);
        let r = run(&prog, &mut stack);
        assert_eq!(
            r,
            Err(CallError::Trap(TrapCode::INTEGER_DIVISION_BY_ZERO)),
            "{strategy}"
        );
        assert_eq!(
            run(&good, &mut stack).map(|r| r.0),
            Ok(50_020),
            "{strategy}"
        );
    }
    let prog = compile(
        "(0 - 9223372036854775807 - 1) / (0 - 1)\n",
        CodeKind::Optimized,
    )
    .unwrap();
    let mut stack = stack_for("segmented", &prog);
    let r = run(&prog, &mut stack);
    assert_eq!(r, Err(CallError::Trap(TrapCode::INTEGER_OVERFLOW)));
}

#[test]
fn overflow_and_mismatched_calls_are_errors() {
    let prog = compile(
        "def inf(n) = inf(n + 1) + 1;\ninf(0)\n",
        CodeKind::Optimized,
    )
    .unwrap();
    let cfg = StackConfig {
        stack_max: 1 << 20,
        ..config("segmented", prog.reserve).unwrap()
    };
    let mut stack: Stack<CheckFailed> = Stack::new(&cfg).unwrap();
    assert_eq!(
        run(&prog, &mut stack),
        Err(CallError::StackOverflow { limit: 1 << 20 })
    );
    // A call whose types do not match the entry's is refused before anything runs.
    // SAFETY: nothing runs (the signature check fails first).
    let r = unsafe { stack.call::<(i64,), (i64,)>(&prog.entry, (1,)) };
    assert!(matches!(r, Err(CallError::Signature(_))), "{r:?}");
    let r = unsafe { stack.call::<(), (f64,)>(&prog.entry, ()) };
    assert!(matches!(r, Err(CallError::Signature(_))), "{r:?}");
    assert!(compile("def f(x) = y;\nf(1)\n", CodeKind::Optimized).is_err());
    assert!(compile("g(1)\n", CodeKind::Optimized).is_err());
}

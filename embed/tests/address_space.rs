//! Goroutine stacks of the fixed strategy are `stack_max` reservations each: when the
//! address space runs out, `go` ends the run with a clear error (its own test binary:
//! while it holds the address space, nothing else in the process could map memory).

mod common;

use common::*;
use morestack_cranelift::*;

/// Fixed stacks of 64 GiB each: the address space runs out after about two thousand
/// goroutines, which ends the run with a clear error instead of a crash.
#[test]
fn fixed_goroutine_stacks_that_exhaust_the_address_space_are_an_error() {
    if cfg!(target_arch = "aarch64") {
        return; // qemu-user's guest address space is not the kernel's
    }
    let cfg = StackConfig::fixed(64 << 30);
    let prog = build(
        &cfg,
        &[
            ("main", 2, many_main),
            ("worker", 2, worker),
            ("rec", 1, rec_body),
        ],
    );
    let (r, _) = prog.run(&cfg, (100_000i64, 3i64));
    match r {
        Err(CallError::Setup(m)) => assert!(
            m.contains("cannot reserve a goroutine stack of 68719476736 bytes"),
            "{m}"
        ),
        other => panic!("{other:?}"),
    }
}

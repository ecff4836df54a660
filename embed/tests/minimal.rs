//! The minimal example (`examples/minimal.rs`) as a test, on both architectures (CI runs
//! the suite natively and under qemu-aarch64): `sum(n)` with a 256-byte slot per frame, a
//! million deep on a stack that starts at 8 KiB, under segmented and copying stacks.

#[path = "../examples/minimal.rs"]
#[allow(dead_code)]
mod minimal;

use morestack_cranelift::{SegmentCache, StackConfig};

#[test]
fn a_million_deep_from_8k() {
    let n = 1_000_000i64;
    for cfg in [
        StackConfig::segmented(8 << 10, SegmentCache::Keep, 1 << 30),
        StackConfig::copying(8 << 10, 1 << 30, false),
    ] {
        let (total, s) = minimal::sum_on(cfg, n, 256).unwrap();
        assert_eq!(total, n * (n + 1) / 2, "{s:?}");
        // A million frames of more than 256 bytes: hundreds of MiB, grown from 8 KiB.
        assert!(s.peak_stack >= 256 << 20, "{s:?}");
        assert!(s.morestack_calls >= 15, "{s:?}");
    }
}

/// Frames deeper than any reserve (a 4 KiB and a 100 KiB stack slot) get a checking entry
/// from `define_function`, and run with a small reserve under every strategy, including
/// the stress mode that moves the stack at every growth.
#[test]
fn frames_deeper_than_the_reserve_get_a_checking_entry() {
    for (size, n) in [(4 << 10, 20_000i64), (100 << 10, 300)] {
        for cfg in [
            StackConfig::fixed(1 << 30),
            StackConfig::segmented(8 << 10, SegmentCache::None, 1 << 30),
            StackConfig::copying(8 << 10, 1 << 30, false),
            StackConfig::copying(2 << 10, 1 << 30, true),
        ] {
            let (total, s) = minimal::sum_on(cfg, n, size).unwrap();
            assert_eq!(total, n * (n + 1) / 2, "{size}: {s:?}");
            assert!(s.reserve <= 128, "the entry's frame, not the body's: {s:?}");
            assert!(s.peak_stack >= n as usize * size as usize, "{s:?}");
        }
    }
}

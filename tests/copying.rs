//! Stack copying where it must move: each `tests/programs/reloc_*.go` program runs on a
//! copying stack that starts at 2 KiB, with and without the stress mode (which also
//! moves the stack at every host call and leaves old stacks inaccessible). Its output
//! must be Go's (recorded beside it) and the runtime's statistics must show the moves
//! this test is about.

use morestack::{compile, CompileOptions, CopyStats, RunError, StackConfig, Strategy};
use std::path::Path;

fn run(name: &str, force: bool, max: usize) -> (Result<(), RunError>, CopyStats) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let src = std::fs::read_to_string(dir.join(format!("{name}.go"))).unwrap();
    let want = std::fs::read(dir.join(format!("{name}.out"))).unwrap();
    let prog = compile(name, &src, &CompileOptions::for_strategy(Strategy::Copying))
        .unwrap_or_else(|e| panic!("{}", e.render()));
    let cfg = StackConfig::copying(2 << 10, max, force);
    let mut out = Vec::new();
    let (stats, r) = prog.run_main_with_stats(&cfg, &mut out);
    assert_eq!(
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&want),
        "{name} (force {force}): stdout"
    );
    let c = stats.copying.clone().expect("copy statistics");
    assert_eq!(c.initial_size, 2048);
    assert_eq!(c.moves, c.grows + c.shrinks + c.forced(), "{stats:?}");
    (r, c)
}

trait Forced {
    fn forced(&self) -> u64;
}
impl Forced for CopyStats {
    /// Moves that neither grew nor shrank (stress mode only).
    fn forced(&self) -> u64 {
        self.moves - self.grows - self.shrinks
    }
}

#[test]
fn pointers_to_locals_elements_and_parameters_deep_down() {
    for force in [false, true] {
        let (r, c) = run("reloc_locals_deep", force, 1 << 30);
        r.unwrap();
        // 3000 frames of ~200 bytes from 2 KiB: at least 8 doublings.
        assert!(c.grows >= 8, "{c:?}");
        // Every move rewrote pointers: the frame chain and the pointers passed down.
        assert!(c.pointers_adjusted >= 3000, "{c:?}");
        assert!(c.frames_walked >= 3000, "{c:?}");
        // The last growths had more than 256 KiB live: their pages were remapped, not
        // copied (and the pointers into them relocated all the same); the stress mode
        // always copies.
        if force {
            assert_eq!(c.bytes_remapped, 0, "{c:?}");
        } else {
            assert!(c.bytes_remapped >= 256 << 10, "{c:?}");
        }
    }
}

#[test]
fn pointer_comparisons_across_moves() {
    for force in [false, true] {
        let (r, c) = run("reloc_ptr_compare", force, 1 << 30);
        r.unwrap();
        assert!(c.grows >= 5, "{c:?}");
    }
}

#[test]
fn pointers_into_bool_arrays_deep_down() {
    // `&mine` and `&mine[i]` of a [33]bool (element addresses at byte offsets) passed
    // down 200 frames and used after the calls.
    for force in [false, true] {
        let (r, c) = run("arrays_bool_pointers", force, 1 << 30);
        r.unwrap();
        assert!(c.grows >= 3, "{c:?}");
        assert!(c.pointers_adjusted >= 200, "{c:?}");
    }
}

#[test]
fn pointers_in_stack_passed_arguments() {
    for force in [false, true] {
        let (r, c) = run("reloc_stack_args", force, 1 << 30);
        r.unwrap();
        assert!(c.grows >= 8, "{c:?}");
    }
}

#[test]
fn pointer_live_across_a_call_in_a_loop() {
    for force in [false, true] {
        let (r, c) = run("reloc_loop_live", force, 1 << 30);
        r.unwrap();
        assert!(c.grows >= 3, "{c:?}");
        if force {
            // The stress mode also moved at the prints.
            assert!(c.moves > c.grows, "{c:?}");
        }
    }
}

#[test]
fn shrink_then_grow_again_reuses_the_stacks() {
    let (r, c) = run("reloc_churn", false, 1 << 30);
    r.unwrap();
    assert!(c.shrinks >= 6, "{c:?}");
    // After the first round every grow and shrink moves into a stack kept from before.
    assert!(c.reused + 12 >= c.moves, "{c:?}");
    let (r, c) = run("reloc_churn", true, 1 << 30);
    r.unwrap();
    assert_eq!(
        c.reused, 0,
        "the stress mode always maps a fresh stack: {c:?}"
    );
}

#[test]
fn overflow_and_panic_after_moves() {
    for force in [false, true] {
        for name in [
            "overflow_infinite",
            "overflow_mutual",
            "overflow_large_frame",
        ] {
            let max = 4 << 20;
            let (r, c) = run(name, force, max);
            assert_eq!(r, Err(RunError::StackOverflow { limit: max }), "{name}");
            assert!(c.grows >= 5, "{name}: {c:?}");
        }
        let (r, c) = run("seg_panic_in_chain", force, 1 << 30);
        assert_eq!(
            r,
            Err(RunError::Panic(
                "runtime error: index out of range [7] with length 3".into()
            ))
        );
        assert!(c.grows >= 8, "{c:?}");
    }
}

#[test]
fn code_without_stack_maps_is_refused() {
    let src = "package main\nfunc main() { println(1) }\n";
    let prog = compile("x.go", src, &CompileOptions::for_strategy(Strategy::Fixed)).unwrap();
    let r = prog.run_main(
        &StackConfig::copying(8 << 10, 1 << 20, false),
        &mut Vec::new(),
    );
    assert!(matches!(r, Err(RunError::Setup(_))), "{r:?}");
}

/// The stress mode runs for ever: 100 000 host calls are 100 000 forced moves (each old
/// stack used to be a mapping of its own, and Linux's limit of 65 530 mappings stopped
/// the run after about 65 000 of them with `cannot map a stack`).
#[test]
fn a_hundred_thousand_forced_moves() {
    let src =
        "package main\n\nfunc main() {\n\tfor i := 0; i < 100000; i++ {\n\t\tprint(\"\")\n\t}\n}\n";
    let prog = compile(
        "x.go",
        src,
        &CompileOptions::for_strategy(Strategy::Copying),
    )
    .unwrap();
    let mut out = Vec::new();
    let (stats, r) =
        prog.run_main_with_stats(&StackConfig::copying(2 << 10, 1 << 30, true), &mut out);
    r.unwrap();
    assert!(out.is_empty());
    let c = stats.copying.unwrap();
    assert!(c.moves >= 100_000, "{c:?}");
    assert_eq!(c.peak_size, 2048, "{c:?}");
}

/// Copying stacks are powers of two, as Go's: a grow whose new size would exceed the
/// limit is the overflow, so with a limit of 100 KiB the largest stack is 64 KiB (under
/// Go's 1 000 000 000-byte limit the largest is 512 MiB). A `stack_min` that is not a
/// power of two is rounded up to one.
#[test]
fn stack_sizes_are_powers_of_two_and_overflow_before_the_limit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let src = std::fs::read_to_string(dir.join("overflow_infinite.go")).unwrap();
    let prog = compile(
        "o.go",
        &src,
        &CompileOptions::for_strategy(Strategy::Copying),
    )
    .unwrap();
    for (min, initial) in [(2 << 10, 2048), (3000, 4096), (5 << 10, 8192)] {
        let limit = 100 << 10;
        let cfg = StackConfig::copying(min, limit, false);
        let (stats, r) = prog.run_main_with_stats(&cfg, &mut Vec::new());
        assert_eq!(r, Err(RunError::StackOverflow { limit }));
        let c = stats.copying.unwrap();
        assert_eq!(c.initial_size, initial, "{c:?}");
        assert_eq!(c.peak_size, 64 << 10, "{c:?}");
        assert_eq!(
            c.grows,
            u64::from((64u32 << 10).trailing_zeros() - (initial as u32).trailing_zeros()),
            "one doubling per grow: {c:?}"
        );
    }
    // A first stack that rounds up past the limit is refused.
    let cfg = StackConfig::copying(5 << 10, 6 << 10, false);
    assert!(matches!(
        prog.run_main(&cfg, &mut Vec::new()),
        Err(RunError::Setup(m)) if m.contains("power of two")
    ));
}

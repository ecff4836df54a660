//! Segmented stacks where they must split: each program of `tests/programs/seg_*.go`
//! (plus two overflow programs) runs on 2 KiB segments with both cache policies; its
//! output must be Go's (recorded beside it) and the runtime's statistics must show the
//! split this test is about (stack arguments copied, an oversized segment, a long chain).

use morestack::{compile, CompileOptions, RunError, SegmentCache, SegmentStats, StackConfig};
use std::path::Path;

/// Runs `tests/programs/NAME.go` on 2 KiB segments with `cache`; checks stdout against
/// `NAME.out` and returns the result and the segment statistics.
fn run(name: &str, cache: SegmentCache, max: usize) -> (Result<(), RunError>, SegmentStats) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let src = std::fs::read_to_string(dir.join(format!("{name}.go"))).unwrap();
    let want = std::fs::read(dir.join(format!("{name}.out"))).unwrap();
    let prog = compile(name, &src, &CompileOptions::default()).unwrap_or_else(|e| {
        panic!("{}", e.render());
    });
    let cfg = StackConfig::segmented(2 << 10, cache, max);
    let mut out = Vec::new();
    let (stats, r) = prog.run_main_with_stats(&cfg, &mut out);
    assert_eq!(
        String::from_utf8_lossy(&out),
        String::from_utf8_lossy(&want),
        "{name} ({cache}): stdout"
    );
    let seg = stats.segments.clone().expect("segment statistics");
    assert_eq!(seg.segment_size, 2048);
    // Every morestack call split, except the one that found the limit reached.
    let failed = matches!(r, Err(RunError::StackOverflow { .. })) as u64;
    assert_eq!(stats.morestack_calls, seg.splits + failed, "{stats:?}");
    match cache {
        SegmentCache::None => assert_eq!(seg.allocated, seg.splits + 1, "{stats:?}"),
        SegmentCache::Keep => {
            assert_eq!(seg.allocated + seg.reused, seg.splits + 1, "{stats:?}");
            assert_eq!(seg.freed, 0, "{stats:?}");
        }
    }
    (r, seg)
}

const BOTH: [SegmentCache; 2] = [SegmentCache::None, SegmentCache::Keep];

#[test]
fn stack_arguments_and_many_results_across_splits() {
    for cache in BOTH {
        let (r, s) = run("seg_stack_args", cache, 1 << 30);
        r.unwrap();
        assert!(s.stack_arg_splits >= 10, "{s:?}");
        assert!(s.max_chain >= 10, "{s:?}");
        if cache == SegmentCache::Keep {
            // The same boundaries are crossed again and again: kept segments are reused.
            assert!(s.reused > 10 * s.allocated, "{s:?}");
        } else {
            assert_eq!(s.freed, s.splits, "{s:?}");
        }
    }
}

#[test]
fn frame_bigger_than_a_segment() {
    for cache in BOTH {
        let (r, s) = run("seg_big_frame", cache, 1 << 30);
        r.unwrap();
        // big() needs 32 KiB. Without a cache every one of its 41 calls from down()
        // splits into an oversized segment of its own; with one, the oversized segment
        // is kept and reused (by later small frames and big() calls too), so a few
        // mappings serve every split.
        if cache == SegmentCache::None {
            assert!(s.oversized >= 41, "{s:?}");
            assert_eq!(s.allocated, s.splits + 1, "{s:?}");
        } else {
            assert!(s.oversized >= 10, "{s:?}");
            assert!(s.allocated <= 4, "{s:?}");
        }
    }
}

#[test]
fn pointers_into_older_segments() {
    for cache in BOTH {
        let (r, s) = run("seg_ptr_older", cache, 1 << 30);
        r.unwrap();
        assert!(s.max_chain >= 20, "{s:?}");
    }
}

#[test]
fn panic_deep_inside_a_chain() {
    for cache in BOTH {
        let (r, s) = run("seg_panic_in_chain", cache, 1 << 30);
        assert_eq!(
            r,
            Err(RunError::Panic(
                "runtime error: index out of range [7] with length 3".into()
            ))
        );
        assert!(s.max_chain >= 40, "{s:?}");
        assert!(s.stack_arg_splits >= 40, "{s:?}");
    }
}

#[test]
fn overflow_deep_inside_a_chain() {
    for name in [
        "overflow_infinite",
        "overflow_mutual",
        "overflow_large_frame",
    ] {
        for cache in BOTH {
            let max = 4 << 20;
            let (r, s) = run(name, cache, max);
            assert_eq!(r, Err(RunError::StackOverflow { limit: max }), "{name}");
            assert!(s.max_chain >= 20, "{name}: {s:?}");
        }
    }
}

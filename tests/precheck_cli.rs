//! The `precheck_*` programs of `tests/programs/` (issue 8: a function's prologue and the
//! head of its entry block store into its new frame *before* the stack check) through the
//! `morestack` binary, under configurations the in-process corpus harness
//! (`tests/programs.rs`) does not run:
//!
//! - `--strategy segmented` with the default 8 KiB segments: whole pages, so a store
//!   below a segment's reserve lands in its guard page;
//! - `--strategy segmented --stack-min 2KiB --segment-cache none`;
//! - for the `overflow_precheck_*` programs, small stack maximums (`--strategy fixed
//!   --stack-max 64KiB` and a few other sizes, segmented with 8 KiB and 2 KiB segments):
//!   the overflow must be Go's two lines with our limit, never a fault.
//!
//! The expected output is Go's (`NAME.out`, recorded by `ci/expectations.sh`). Programs
//! are found by name, so every new `precheck_*` program is checked too. Only on x86-64
//! hosts, like `tests/cli.rs`: the AArch64 test binary runs under qemu-user, which cannot
//! spawn the binary.

#![cfg(target_arch = "x86_64")]

use std::path::PathBuf;
use std::process::Command;

fn programs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

/// The names (without `.go`) of `precheck_*.go` and of `overflow_precheck_*.go`, sorted.
fn programs() -> (Vec<String>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(programs_dir())
        .expect("tests/programs")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".go").map(str::to_string))
        .collect();
    names.sort();
    let plain: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("precheck_"))
        .cloned()
        .collect();
    let overflow: Vec<String> = names
        .iter()
        .filter(|n| n.starts_with("overflow_precheck_"))
        .cloned()
        .collect();
    for must in ["precheck_spill_int", "precheck_spill_ptr"] {
        assert!(plain.iter().any(|n| n == must), "{must}.go is missing");
    }
    assert!(
        plain
            .iter()
            .filter(|n| n.starts_with("precheck_sweep_"))
            .count()
            >= 6,
        "the precheck_sweep_* programs are missing (tests/gen/precheck_sweep.py)"
    );
    for must in ["overflow_precheck_spill", "overflow_precheck_spill700"] {
        assert!(overflow.iter().any(|n| n == must), "{must}.go is missing");
    }
    (plain, overflow)
}

/// Runs `morestack run ARGS... NAME.go`; describes what went wrong, if anything.
/// `limit`: `None` when the program must succeed (exit status 0, nothing on stderr);
/// `Some(bytes)` when it must overflow with that limit (exit status 2, Go's two lines).
/// Stdout must be Go's recorded output either way.
fn check(name: &str, args: &[&str], limit: Option<usize>) -> Result<(), String> {
    let go = programs_dir().join(format!("{name}.go"));
    let want = std::fs::read(programs_dir().join(format!("{name}.out")))
        .map_err(|e| format!("{name}.out: {e} (run ci/expectations.sh --update)"))?;
    let o = Command::new(env!("CARGO_BIN_EXE_morestack"))
        .arg("run")
        .args(args)
        .arg(&go)
        .output()
        .map_err(|e| format!("cannot spawn morestack: {e}"))?;
    let err = String::from_utf8_lossy(&o.stderr);
    let first = err.lines().next().unwrap_or("").to_string();
    let mut problems = Vec::new();
    let Some(code) = o.status.code() else {
        return Err(format!(
            "killed by a signal ({:?}); stderr: {first:?}",
            o.status
        ));
    };
    match limit {
        None => {
            if code != 0 {
                problems.push(format!("exit status {code}, expected 0; stderr: {first:?}"));
            } else if !err.is_empty() {
                problems.push(format!("unexpected stderr: {first:?}"));
            }
        }
        Some(bytes) => {
            let line = format!("runtime: goroutine stack exceeds {bytes}-byte limit");
            if code != 2 {
                problems.push(format!("exit status {code}, expected 2"));
            }
            if first != line {
                problems.push(format!("stderr begins {first:?}, expected {line:?}"));
            }
            if !err.lines().any(|l| l == "fatal error: stack overflow") {
                problems.push("stderr lacks \"fatal error: stack overflow\"".to_string());
            }
        }
    }
    if o.stdout != want {
        problems.push(format!(
            "stdout differs from Go's ({} bytes, expected {})",
            o.stdout.len(),
            want.len()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Checks every (program, arguments, limit) case and fails with the list of all failures.
fn check_all(cases: &[(String, Vec<&str>, Option<usize>)]) {
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, args, limit)| {
            check(name, args, *limit)
                .err()
                .map(|e| format!("  morestack run {} {name}.go: {e}", args.join(" ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} runs failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn precheck_programs_segmented_8k() {
    let (plain, _) = programs();
    let cases: Vec<_> = plain
        .into_iter()
        .map(|n| (n, vec!["--strategy", "segmented"], None))
        .collect();
    check_all(&cases);
}

#[test]
fn precheck_programs_segmented_2k_no_cache() {
    let (plain, _) = programs();
    let args = vec![
        "--strategy",
        "segmented",
        "--stack-min",
        "2KiB",
        "--segment-cache",
        "none",
    ];
    let cases: Vec<_> = plain.into_iter().map(|n| (n, args.clone(), None)).collect();
    check_all(&cases);
}

/// A fixed stack's end is met by a frame at a position that depends on the stack's
/// size: several sizes, so that some end in the middle of a big frame's stores.
#[test]
fn overflow_precheck_fixed_small_stacks() {
    let (_, overflow) = programs();
    let mut cases = Vec::new();
    for n in &overflow {
        for (max, bytes) in [
            ("64KiB", 64 << 10),
            ("68KiB", 68 << 10),
            ("76KiB", 76 << 10),
            ("1MiB", 1 << 20),
        ] {
            let args = vec!["--strategy", "fixed", "--stack-max", max];
            cases.push((n.clone(), args, Some(bytes)));
        }
    }
    check_all(&cases);
}

#[test]
fn overflow_precheck_segmented() {
    let (_, overflow) = programs();
    let mut cases = Vec::new();
    for n in &overflow {
        let seg8k = vec!["--strategy", "segmented", "--stack-max", "1MiB"];
        cases.push((n.clone(), seg8k, Some(1 << 20)));
        let seg2k = vec![
            "--strategy",
            "segmented",
            "--stack-min",
            "2KiB",
            "--segment-cache",
            "none",
            "--stack-max",
            "64KiB",
        ];
        cases.push((n.clone(), seg2k, Some(64 << 10)));
    }
    check_all(&cases);
}

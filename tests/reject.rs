//! Checks every program of `tests/reject/` with `morestack::check` and asserts that the
//! first error is at the recorded `LINE:COL` (see `tests/README.md`); and, as a
//! counterpart, that every program of `tests/programs/` checks without error.
//!
//! Trials `reject::NAME` and `accept::NAME`. Needs `harness = false` for this test target.

// Until Cargo.toml declares this target `harness = false`, the default harness ignores
// `main`: keep that interim build warning-free.
#![cfg_attr(test, allow(dead_code))]

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    v.sort();
    v
}

/// What `NAME.err` says: the position, and substrings our message must contain
/// (`msg: ...` lines, optional).
struct Expect {
    line: u32,
    col: u32,
    msgs: Vec<String>,
}

fn load_expect(go: &Path) -> Result<Expect, String> {
    let path = go.with_extension("err");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let (l, c) = first
        .split_once(':')
        .ok_or_else(|| format!("{}: first line must be LINE:COL", path.display()))?;
    let bad = |_| format!("{}: first line must be LINE:COL", path.display());
    let msgs = lines
        .filter_map(|l| l.strip_prefix("msg: "))
        .map(str::to_string)
        .collect();
    Ok(Expect {
        line: l.trim().parse().map_err(bad)?,
        col: c.trim().parse().map_err(bad)?,
        msgs,
    })
}

/// The position of the first error in a rendered error list: its first line is
/// `FILE:LINE:COL: message`.
fn first_position(file: &str, rendered: &str) -> Option<(u32, u32, String)> {
    let first = rendered.lines().next()?;
    let rest = first.strip_prefix(file)?.strip_prefix(':')?;
    let mut it = rest.splitn(3, ':');
    let line = it.next()?.parse().ok()?;
    let col = it.next()?.parse().ok()?;
    let msg = it.next().unwrap_or("").trim().to_string();
    Some((line, col, msg))
}

fn reject_one(go: &Path) -> Result<(), Failed> {
    let expect = load_expect(go)?;
    let src = std::fs::read_to_string(go).map_err(|e| format!("{}: {e}", go.display()))?;
    let name = go.file_name().unwrap().to_string_lossy().to_string();
    let err = match morestack::check(&name, &src) {
        Ok(()) => {
            return Err(format!(
                "accepted, expected an error at {}:{}",
                expect.line, expect.col
            )
            .into())
        }
        Err(e) => e,
    };
    let rendered = err.render();
    let (line, col, msg) = first_position(&name, &rendered)
        .ok_or_else(|| format!("the first error has no {name}:LINE:COL: position:\n{rendered}"))?;
    if (line, col) != (expect.line, expect.col) {
        return Err(format!(
            "first error at {line}:{col}, expected {}:{}\n{rendered}",
            expect.line, expect.col
        )
        .into());
    }
    for m in &expect.msgs {
        if !msg.to_lowercase().contains(&m.to_lowercase()) {
            return Err(format!("message {msg:?} lacks {m:?}").into());
        }
    }
    Ok(())
}

fn accept_one(go: &Path) -> Result<(), Failed> {
    let src = std::fs::read_to_string(go).map_err(|e| format!("{}: {e}", go.display()))?;
    let name = go.file_name().unwrap().to_string_lossy().to_string();
    morestack::check(&name, &src).map_err(|e| Failed::from(e.render()))
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut trials = Vec::new();
    for go in go_files(&root.join("reject")) {
        let name = go.file_stem().unwrap().to_string_lossy().to_string();
        trials.push(Trial::test(format!("reject::{name}"), move || {
            reject_one(&go)
        }));
    }
    for go in go_files(&root.join("programs")) {
        let name = go.file_stem().unwrap().to_string_lossy().to_string();
        trials.push(Trial::test(format!("accept::{name}"), move || {
            accept_one(&go)
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}

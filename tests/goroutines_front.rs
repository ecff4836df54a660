//! The goroutine stage through the front end (issue 12): every program of
//! `tests/goroutines/` type-checks, and, until the code generator lowers goroutines and
//! channels, compiling one fails with a clean error at a position (never a panic), also
//! through the `morestack` tool.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn programs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/goroutines"))
        .expect("tests/goroutines")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    v.sort();
    assert!(v.len() >= 10, "tests/goroutines has too few programs");
    v
}

fn source(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The messages of the code generator's refusals.
const CHANNELS: &str = "channels are not supported by this code generator yet";
const GOROUTINES: &str = "goroutines and channels are not supported by this code generator yet";

#[test]
fn every_goroutine_program_type_checks() {
    let mut failures = Vec::new();
    for p in programs() {
        let src = source(&p);
        if let Err(d) = morestack::check::check_program("p.go", &src) {
            failures.push(format!("{}: {:?}", p.display(), &d[..1]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_benchmark_programs_are_among_them() {
    let names: Vec<String> = programs()
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    for b in ["go_spawn", "go_pingpong", "go_grow_many", "go_million"] {
        assert!(names.iter().any(|n| n == b), "{b} missing");
    }
}

#[test]
fn compiling_a_goroutine_program_is_a_clean_error() {
    for p in programs() {
        let src = source(&p);
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let opts = morestack::CompileOptions::default();
        let err = match morestack::compile(&name, &src, &opts) {
            Ok(_) => panic!("{name}: compiled, but goroutines are not lowered yet"),
            Err(e) => e.render(),
        };
        let first = err.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("{name}:"))
                && (first.ends_with(CHANNELS) || first.ends_with(GOROUTINES)),
            "{name}: {err}"
        );
    }
}

/// Programs with goroutine statements but no channel variable get past the code
/// generator's type check: each node reaches its own clean error, at its position.
#[test]
fn each_goroutine_node_is_refused_at_its_position() {
    let cases: &[(&str, u32, u32)] = &[
        (
            "package main\nfunc f() {}\nfunc main() {\n\tgo f()\n}\n",
            4,
            2,
        ),
        (
            "package main\nimport \"runtime\"\nfunc main() {\n\truntime.Gosched()\n}\n",
            4,
            2,
        ),
        (
            "package main\nimport \"runtime\"\nfunc main() {\n\tprintln(runtime.NumGoroutine())\n}\n",
            4,
            10,
        ),
        ("package main\nfunc main() {\n\tselect {}\n}\n", 3, 2),
        (
            "package main\nfunc main() {\n\tselect {\n\tdefault:\n\t}\n}\n",
            3,
            2,
        ),
        (
            "package main\nfunc main() {\n\tprintln(make(chan int) == nil)\n}\n",
            3,
            10,
        ),
        (
            "package main\nfunc main() {\n\tprintln(1 + <-make(chan int, 1))\n}\n",
            3,
            14,
        ),
        (
            "package main\nfunc main() {\n\tclose(make(chan bool))\n}\n",
            3,
            8,
        ),
        (
            "package main\nfunc main() {\n\tmake(chan int, 1) <- 1\n}\n",
            3,
            2,
        ),
        (
            "package main\nfunc main() {\n\tv, ok := <-make(chan int, 1)\n\tprintln(v, ok)\n}\n",
            3,
            13,
        ),
    ];
    for (src, l, c) in cases {
        assert!(
            morestack::check::check_program("p.go", src).is_ok(),
            "front end refused:\n{src}"
        );
        let err = match morestack::compile("p.go", src, &morestack::CompileOptions::default()) {
            Ok(_) => panic!("compiled:\n{src}"),
            Err(e) => e.render(),
        };
        let want = format!("p.go:{l}:{c}: {GOROUTINES}");
        assert_eq!(err.lines().next(), Some(want.as_str()), "{src}");
    }
    // A range over a channel keeps the channel in a hidden local: the code generator's
    // type check refuses it first, at the function.
    let src = "package main\nfunc main() {\n\tfor range make(chan int) {\n\t}\n}\n";
    let err = match morestack::compile("p.go", src, &morestack::CompileOptions::default()) {
        Ok(_) => panic!("compiled:\n{src}"),
        Err(e) => e.render(),
    };
    assert_eq!(
        err.lines().next(),
        Some(format!("p.go:2:6: {CHANNELS}").as_str())
    );
}

/// `morestack run` on a goroutine program: a nonzero exit with the code generator's
/// message (and no panic). Only on x86-64 hosts, as `tests/cli.rs`.
#[cfg(target_arch = "x86_64")]
#[test]
fn morestack_run_refuses_a_goroutine_program() {
    use std::process::Command;
    for (name, msg) in [
        ("go_pingpong.go", CHANNELS),
        ("select_ops.go", CHANNELS),
        ("go_args.go", CHANNELS),
    ] {
        let path = root().join("tests/goroutines").join(name);
        let o = Command::new(env!("CARGO_BIN_EXE_morestack"))
            .arg("run")
            .arg(&path)
            .output()
            .expect("cannot spawn morestack");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked at"), "{name}: panic:\n{err}");
        assert!(
            o.status.code().is_some_and(|c| c != 0),
            "{name}: {:?}",
            o.status
        );
        assert!(err.contains(msg), "{name}: {err}");
        assert!(o.stdout.is_empty(), "{name}: printed something");
    }
}

//! The goroutine stage end to end (issue 12): every program of `tests/goroutines/`
//! type-checks (the programs themselves run against Go's recorded outputs in every stack
//! configuration in `tests/programs.rs`), small programs exercise each goroutine node of
//! the checked program, and the `morestack` tool reports deadlocks and channel panics as
//! Go does (first line on stderr, exit status 2) and prints goroutine statistics.

use morestack::{CompileOptions, RunError, SegmentCache, StackConfig};
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

/// Every configuration of `tests/programs.rs`, small.
fn configs() -> Vec<StackConfig> {
    let max = 64 << 20;
    vec![
        StackConfig::fixed(max),
        StackConfig::segmented(2 << 10, SegmentCache::None, max),
        StackConfig::segmented(2 << 10, SegmentCache::Keep, max),
        StackConfig::copying(2 << 10, max, false),
        StackConfig::copying(2 << 10, max, true),
    ]
}

/// Compiles and runs `src` under every configuration; all runs must agree.
fn run(src: &str) -> (String, Result<(), RunError>) {
    let mut first: Option<(String, Result<(), RunError>)> = None;
    for cfg in configs() {
        let prog = morestack::compile("p.go", src, &CompileOptions::for_strategy(cfg.strategy))
            .unwrap_or_else(|e| panic!("{}\n{src}", e.render()));
        let mut out = Vec::new();
        let res = prog.run_main(&cfg, &mut out).map(|_| ());
        let got = (String::from_utf8(out).unwrap(), res);
        match &first {
            None => first = Some(got),
            Some(f) => assert_eq!(*f, got, "{:?}\n{src}", cfg.strategy),
        }
    }
    first.unwrap()
}

/// Each goroutine node of the checked program, alone in a small program (the
/// semantics are Go's: these are the programs the code generator once refused).
#[test]
fn each_goroutine_node_runs() {
    let ok = |src: &str, want: &str| {
        let (out, res) = run(src);
        assert_eq!(res, Ok(()), "{src}");
        assert_eq!(out, want, "{src}");
    };
    ok(
        "package main\nfunc f(c chan int) { c <- 7 }\nfunc main() {\n\tc := make(chan int)\n\tgo f(c)\n\tprintln(<-c)\n}\n",
        "7\n",
    );
    ok(
        "package main\nimport \"runtime\"\nfunc main() {\n\truntime.Gosched()\n\tprintln(runtime.NumGoroutine())\n}\n",
        "1\n",
    );
    ok(
        "package main\nfunc main() {\n\tselect {\n\tdefault:\n\t\tprintln(1)\n\t}\n}\n",
        "1\n",
    );
    ok(
        "package main\nfunc main() {\n\tvar c chan int\n\tprintln(make(chan int) == nil, c == nil, c != nil)\n}\n",
        "false true false\n",
    );
    ok(
        "package main\nfunc main() {\n\tc := make(chan int, 1)\n\tc <- 41\n\tprintln(1 + <-c)\n}\n",
        "42\n",
    );
    ok(
        "package main\nfunc main() {\n\tc := make(chan bool, 1)\n\tc <- true\n\tclose(c)\n\tv, ok := <-c\n\tw, ok2 := <-c\n\tprintln(v, ok, w, ok2)\n}\n",
        "true true false false\n",
    );
    ok(
        "package main\nfunc main() {\n\tc := make(chan int, 3)\n\tc <- 1\n\tc <- 2\n\tclose(c)\n\tfor v := range c {\n\t\tprintln(v)\n\t}\n}\n",
        "1\n2\n",
    );
    ok(
        "package main\nfunc main() {\n\tc := make(chan int, 1)\n\tc <- 5\n\tfor {\n\t\tselect {\n\t\tcase v := <-c:\n\t\t\tprintln(v)\n\t\t\tbreak\n\t\t}\n\t\tbreak\n\t}\n\tprintln(9)\n}\n",
        "5\n9\n",
    );
    ok(
        "package main\nfunc sum(a [3]int, c chan int) { c <- a[0] + a[1] + a[2] }\nfunc main() {\n\tc := make(chan int)\n\ta := [3]int{1, 2, 3}\n\tgo sum(a, c)\n\ta[0] = 100\n\tprintln(<-c, a[0])\n}\n",
        "6 100\n",
    );
    let fails = |src: &str, want: RunError| {
        let (_, res) = run(src);
        assert_eq!(res, Err(want), "{src}");
    };
    let deadlock = || RunError::Fatal("all goroutines are asleep - deadlock!".into());
    fails("package main\nfunc main() {\n\tselect {}\n}\n", deadlock());
    fails(
        "package main\nfunc main() {\n\tmake(chan int) <- 1\n}\n",
        deadlock(),
    );
    fails(
        "package main\nfunc main() {\n\tclose(make(chan bool))\n\tvar c chan bool\n\tclose(c)\n}\n",
        RunError::Panic("close of nil channel".into()),
    );
    fails(
        "package main\nfunc f(c chan int) { close(c); close(c) }\nfunc main() {\n\tc := make(chan int)\n\tgo f(c)\n\t<-c\n\t<-c\n}\n",
        RunError::Panic("close of closed channel".into()),
    );
}

/// `morestack run`: Go's first line on stderr and exit status 2 for deadlocks and
/// channel panics, Go's output otherwise; `--stats` reports the goroutines. Only on
/// x86-64 hosts, as `tests/cli.rs`.
#[cfg(target_arch = "x86_64")]
#[test]
fn morestack_run_goroutine_programs() {
    use std::process::Command;
    for name in [
        "go_pingpong",
        "select_ops",
        "go_args",
        "deadlock_recv_nil",
        "panic_send_closed",
    ] {
        let dir = root().join("tests/goroutines");
        let path = dir.join(format!("{name}.go"));
        let o = Command::new(env!("CARGO_BIN_EXE_morestack"))
            .arg("run")
            .arg(&path)
            .output()
            .expect("cannot spawn morestack");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked at"), "{name}: panic:\n{err}");
        let want_out = std::fs::read(dir.join(format!("{name}.out"))).unwrap();
        assert_eq!(o.stdout, want_out, "{name}: stdout");
        let code: i32 = std::fs::read_to_string(dir.join(format!("{name}.code")))
            .map(|s| s.trim().parse().unwrap())
            .unwrap_or(0);
        assert_eq!(o.status.code(), Some(code), "{name}: {err}");
        if code != 0 {
            let want = std::fs::read_to_string(dir.join(format!("{name}.err"))).unwrap();
            assert_eq!(err.lines().next(), want.lines().next(), "{name}");
        }
    }
    let o = Command::new(env!("CARGO_BIN_EXE_morestack"))
        .args(["run", "--stats"])
        .arg(root().join("tests/goroutines/go_pingpong.go"))
        .output()
        .expect("cannot spawn morestack");
    let err = String::from_utf8_lossy(&o.stderr);
    for key in [
        "goroutines_created: ",
        "goroutines_peak_alive: ",
        "goroutine_switches: ",
        "goroutine_stack_peak: ",
    ] {
        assert!(err.contains(key), "--stats lacks {key}:\n{err}");
    }
}

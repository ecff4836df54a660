//! Tests of the `morestack` command-line tool, run as a separate process. Only on x86-64
//! hosts: the AArch64 test binary runs under qemu-user, which cannot spawn the binary.

#![cfg(target_arch = "x86_64")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_morestack"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn program(name: &str) -> String {
    root()
        .join("tests/programs")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn reject(name: &str) -> String {
    root()
        .join("tests/reject")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("cannot spawn morestack")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Never a Rust panic, never killed by a signal.
fn assert_sane(o: &Output, what: &str) {
    let err = stderr(o);
    assert!(
        !err.contains("panicked at"),
        "{what}: the tool panicked:\n{err}"
    );
    assert!(
        o.status.code().is_some(),
        "{what}: killed by a signal: {:?}\nstderr:\n{err}",
        o.status
    );
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

/// A scratch file with the given bytes, unique to this test process and `tag`.
fn scratch(tag: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("morestack-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(format!("{tag}.go"));
    std::fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn run_prints_to_stdout_and_exits_0() {
    let o = run(&["run", &program("hello.go")]);
    assert_sane(&o, "run hello");
    assert_eq!(stdout(&o), "hello, world\n");
    assert_eq!(stderr(&o), "");
    assert_eq!(code(&o), 0);
}

#[test]
fn run_matches_go_output() {
    let want = std::fs::read(program("print_formats.out")).unwrap();
    let o = run(&["run", "--strategy", "fixed", &program("print_formats.go")]);
    assert_sane(&o, "run print_formats");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(o.stdout, want);
}

/// The 50000-deep recursion of issue 8, with a `[8192]bool` in every frame, run with the
/// default settings (copying, Go's 1 GB limit): Go prints `50001` (its frames are about
/// 8 KiB, ~410 MB of stack). It only fits because a bool takes one byte, as in Go; with
/// 8-byte bools it needed 3.2 GB and overflowed. Too big for the in-process corpus (256 MiB,
/// 8 threads), so it lives in `tests/programs_big/`, where `ci/expectations.sh` records
/// Go's output.
#[test]
fn run_bool_frames_as_small_as_gos() {
    let go = root().join("tests/programs_big/frame_bool_50k.go");
    let want = std::fs::read(go.with_extension("out")).unwrap();
    let o = run(&["run", s(&go)]);
    assert_sane(&o, "run frame_bool_50k");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o), String::from_utf8_lossy(&want));
    assert_eq!(stdout(&o), "50001\n");
}

#[test]
fn run_panic_exits_2_with_go_text() {
    let o = run(&["run", &program("panic_div_zero.go")]);
    assert_sane(&o, "run panic_div_zero");
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "3\n");
    assert_eq!(
        stderr(&o).lines().next(),
        Some("panic: runtime error: integer divide by zero")
    );
}

#[test]
fn run_panic_string_and_int() {
    let o = run(&["run", &program("panic_string.go")]);
    assert_sane(&o, "panic_string");
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o).lines().next(), Some("panic: boom"));
    let o = run(&["run", &program("panic_int.go")]);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "about to panic\n");
    assert_eq!(stderr(&o).lines().next(), Some("panic: 42"));
}

#[test]
fn run_nil_dereference_is_a_panic_not_a_crash() {
    let o = run(&["run", &program("nil_deref_panic.go")]);
    assert_sane(&o, "nil_deref_panic");
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "4\nbefore\n");
    assert_eq!(
        stderr(&o).lines().next(),
        Some("panic: runtime error: invalid memory address or nil pointer dereference")
    );
}

#[test]
fn run_overflow_with_small_stack_max() {
    let o = run(&[
        "run",
        "--stack-max",
        "64KiB",
        &program("overflow_infinite.go"),
    ]);
    assert_sane(&o, "overflow 64KiB");
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "starting\n");
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some("runtime: goroutine stack exceeds 65536-byte limit"),
        "stderr: {err}"
    );
    assert!(
        lines.contains(&"fatal error: stack overflow"),
        "stderr: {err}"
    );
}

#[test]
fn run_overflow_large_frames_with_small_stack_max() {
    let o = run(&[
        "run",
        "--stack-max",
        "1MiB",
        &program("overflow_large_frame.go"),
    ]);
    assert_sane(&o, "overflow 1MiB");
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o).lines().next(),
        Some("runtime: goroutine stack exceeds 1048576-byte limit")
    );
}

#[test]
fn run_deep_recursion_fits_default_stack() {
    let o = run(&["run", &program("recursion_deep_1m.go")]);
    assert_sane(&o, "recursion_deep_1m");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o), "1000000\n");
}

#[test]
fn check_valid_program_is_silent() {
    let o = run(&["check", &program("sieve.go")]);
    assert_sane(&o, "check sieve");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), "");
}

#[test]
fn check_reports_file_line_col_and_caret() {
    let file = reject("unused_var.go");
    let o = run(&["check", &file]);
    assert_sane(&o, "check unused_var");
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{file}:5:2: ")),
        "first line: {:?}",
        lines[0]
    );
    assert!(lines[0].len() > format!("{file}:5:2: ").len(), "no message");
    assert_eq!(lines.get(1).copied(), Some("\ty := 2"), "stderr: {err}");
    let caret = lines.get(2).copied().unwrap_or("");
    assert_eq!(caret.trim_start(), "^", "caret line {caret:?}");
    assert_eq!(caret.len() - 1, 1, "caret column in {caret:?}");
}

#[test]
fn check_subset_violation() {
    let file = reject("return_pointer.go");
    let o = run(&["check", &file]);
    assert_sane(&o, "check return_pointer");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).starts_with(&format!("{file}:3:19: ")),
        "stderr: {}",
        stderr(&o)
    );
}

#[test]
fn run_of_invalid_program_exits_1() {
    let o = run(&["run", &reject("missing_return.go")]);
    assert_sane(&o, "run missing_return");
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("missing_return.go:7:1: "));
}

#[test]
fn emit_clif() {
    let o = run(&["emit", "--clif", &program("bench_fib.go")]);
    assert_sane(&o, "emit --clif");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("function"), "no CLIF function in:\n{out}");
    assert!(out.contains("call"), "no call in:\n{out}");
}

#[test]
fn emit_asm_both_targets() {
    for target in ["aarch64", "x86_64"] {
        let o = run(&[
            "emit",
            "--asm",
            "--target",
            target,
            &program("bench_fib.go"),
        ]);
        assert_sane(&o, "emit --asm");
        assert_eq!(code(&o), 0, "{target}: stderr: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("ret"), "{target}: no ret in:\n{out}");
    }
    let o = run(&["emit", "--asm", &program("hello.go")]);
    assert_sane(&o, "emit --asm host");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert!(!o.stdout.is_empty());
}

#[test]
fn emit_needs_a_kind_and_a_known_target() {
    let o = run(&["emit", &program("hello.go")]);
    assert_sane(&o, "emit without kind");
    assert_ne!(code(&o), 0);
    let o = run(&["emit", "--asm", "--target", "mips", &program("hello.go")]);
    assert_sane(&o, "emit mips");
    assert_ne!(code(&o), 0);
}

#[test]
fn help_for_every_subcommand() {
    for args in [
        &["--help"][..],
        &["help"][..],
        &["run", "--help"][..],
        &["check", "--help"][..],
        &["emit", "--help"][..],
    ] {
        let o = run(args);
        assert_sane(&o, "help");
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage"), "{args:?}: {}", stdout(&o));
    }
    let o = run(&["run", "--help"]);
    assert!(stdout(&o).contains("--stack-max"));
    let o = run(&["--version"]);
    assert_eq!(code(&o), 0);
}

#[test]
fn bad_flags_are_clear_errors() {
    let hello = program("hello.go");
    for args in [
        vec!["run", "--stack-max", "banana", &hello],
        vec!["run", "--stack-max", "0", &hello],
        vec!["run", "--stack-max", "-5", &hello],
        vec!["run", "--stack-max", "99999999999999999999TiB", &hello],
        vec!["run", "--strategy", "sideways", &hello],
        vec!["run", "--frobnicate", &hello],
        vec!["run"],
        vec!["frobnicate"],
        vec![],
    ] {
        let o = run(&args);
        assert_sane(&o, &format!("{args:?}"));
        // The README: bad options exit 1 (2 is a program's panic).
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).trim().is_empty(), "{args:?}: no message");
        assert_eq!(stdout(&o), "", "{args:?}: ran anyway");
    }
    let o = run(&["run", "--stack-max", "banana", &hello]);
    assert!(stderr(&o).contains("banana"), "{}", stderr(&o));
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0, "--help: {}", stderr(&o));
}

/// A `--trace-stack` file that cannot be written is an error before the program runs;
/// one that fails while written (a full device) makes the run fail too.
#[test]
fn trace_stack_to_an_unwritable_file() {
    let hello = program("hello.go");
    let o = run(&["run", "--trace-stack", "/nonexistent/dir/trace.csv", &hello]);
    assert_sane(&o, "unwritable trace");
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write /nonexistent/dir/trace.csv"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stdout(&o), "", "ran anyway");
    if Path::new("/dev/full").exists() {
        let o = run(&["run", "--trace-stack", "/dev/full", &hello]);
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write /dev/full"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn missing_file() {
    for sub in ["run", "check"] {
        let o = run(&[sub, "/nonexistent/dir/nothing.go"]);
        assert_sane(&o, "missing file");
        assert_eq!(code(&o), 1, "{sub}");
        assert!(stderr(&o).contains("nothing.go"), "{sub}: {}", stderr(&o));
    }
    let o = run(&["emit", "--clif", "/nonexistent/dir/nothing.go"]);
    assert_sane(&o, "emit missing file");
    assert_ne!(code(&o), 0);
}

#[test]
fn non_utf8_input() {
    let p = scratch(
        "non_utf8",
        b"package main\n\nfunc main() {\n\tprintln(\"\xff\xfe\")\n}\n",
    );
    for sub in [&["run"][..], &["check"][..], &["emit", "--clif"][..]] {
        let mut args = sub.to_vec();
        args.push(s(&p));
        let o = run(&args);
        assert_sane(&o, "non-UTF-8");
        assert_eq!(code(&o), 1, "{sub:?}");
        // Go 1.19 (`go build`): `4:11: invalid UTF-8 encoding`, the first bad byte.
        let first = stderr(&o).lines().next().unwrap_or_default().to_string();
        assert_eq!(
            first,
            format!("{}:4:11: invalid UTF-8 encoding", s(&p)),
            "{sub:?}"
        );
    }
    // In a comment, after a multi-byte character: Go's `4:19` (byte columns).
    let p = scratch(
        "non_utf8_comment",
        b"package main\n\nfunc main() {\n\tprintln(\"\xc3\xa9\") // \xc3\n}\n",
    );
    let o = run(&["check", s(&p)]);
    assert_eq!(code(&o), 1);
    let first = stderr(&o).lines().next().unwrap_or_default().to_string();
    assert_eq!(first, format!("{}:4:19: invalid UTF-8 encoding", s(&p)));
}

#[test]
fn garbage_inputs_give_errors_not_panics() {
    let cases: &[(&str, &[u8])] = &[
        ("empty", b""),
        ("binary", &[0u8, 1, 2, 3, 0x7f, 0x1b, b'\n', 0]),
        ("braces", b"}{)(][ ;;; :=:=:= \"unterminated\n"),
        ("no_package", b"func main() {}\n"),
        ("wrong_package", b"package foo\n\nfunc main() {}\n"),
        ("no_main", b"package main\n\nfunc f() {}\n"),
        (
            "unterminated_comment",
            b"package main\n/* never closed\nfunc main() {}\n",
        ),
        (
            "unterminated_string",
            b"package main\nfunc main() { println(\"abc) }\n",
        ),
        (
            "bad_escape",
            b"package main\nfunc main() { println(\"\\q\") }\n",
        ),
        (
            "huge_literal",
            b"package main\nfunc main() { println(123456789012345678901234567890) }\n",
        ),
        (
            "bad_literal",
            b"package main\nfunc main() { println(0x, 09, 0b2, 1__0) }\n",
        ),
        ("lone_keywords", b"package main\nfunc func func\n"),
        ("main_with_params", b"package main\nfunc main(x int) {}\n"),
        (
            "huge_array",
            b"package main\nfunc main() { var a [1 << 62]int; a[0] = 1; println(a[0]) }\n",
        ),
        (
            "nul_in_source",
            b"package main\nfunc main() { println(1) }\x00\n",
        ),
    ];
    for (tag, bytes) in cases {
        let p = scratch(tag, bytes);
        for sub in ["check", "run"] {
            let o = run(&[sub, s(&p)]);
            assert_sane(&o, &format!("{sub} {tag}"));
            assert_ne!(code(&o), 0, "{sub} {tag}: accepted");
            assert!(!stderr(&o).trim().is_empty(), "{sub} {tag}: no message");
        }
    }
}

#[test]
fn deep_nesting_does_not_crash() {
    // Valid Go, deeply nested: either compiles and prints 1, or a clear error.
    let depth = 5000;
    let src = format!(
        "package main\n\nfunc main() {{\n\tprintln({}1{})\n}}\n",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let p = scratch("deep_parens", src.as_bytes());
    let o = run(&["run", s(&p)]);
    assert_sane(&o, "deep parens");
    match code(&o) {
        0 => assert_eq!(stdout(&o), "1\n"),
        1 => assert!(!stderr(&o).trim().is_empty()),
        c => panic!("exit status {c}: {}", stderr(&o)),
    }
    let blocks = format!(
        "package main\n\nfunc main() {{\n{}println(2)\n{}}}\n",
        "{".repeat(depth),
        "}".repeat(depth)
    );
    let p = scratch("deep_blocks", blocks.as_bytes());
    let o = run(&["run", s(&p)]);
    assert_sane(&o, "deep blocks");
    match code(&o) {
        0 => assert_eq!(stdout(&o), "2\n"),
        1 => assert!(!stderr(&o).trim().is_empty()),
        c => panic!("exit status {c}: {}", stderr(&o)),
    }
}

/// The optimizer hazard of docs/DESIGN.md is real, and the relocation pass avoids it:
/// optimized without the pass (the debugging switch `MORESTACK_DEBUG_SKIP_RELOC_PASS=1`),
/// a program whose stack moves keeps a stale stack address in a register across a call
/// and, in the stress mode, faults on the old (inaccessible) stack, which the fault
/// handler reports as a stale pointer; compiled the normal way for copying (optimized,
/// then the pass), the same program prints Go's output.
#[test]
fn copying_optimizer_hazard() {
    let p = program("reloc_loop_live.go");
    let want = std::fs::read_to_string(root().join("tests/programs/reloc_loop_live.out")).unwrap();
    let args = [
        "run",
        "--strategy",
        "copying",
        "--stack-min",
        "2KiB",
        "--force-move",
        &p,
    ];
    let good = run(&args);
    assert_eq!(code(&good), 0, "{}", stderr(&good));
    assert_eq!(stdout(&good), want);
    let bad = bin()
        .args(args)
        .env("MORESTACK_DEBUG_SKIP_RELOC_PASS", "1")
        .output()
        .expect("cannot spawn morestack");
    assert_eq!(code(&bad), 2, "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("fatal error: stale pointer into an old stack at 0x"),
        "{}",
        stderr(&bad)
    );
}

/// Every strategy runs the sample programs, and --stats shows what it did.
#[test]
fn strategies_and_stats() {
    let p = program("recursion_deep_1m.go");
    for (args, key) in [
        (vec!["--strategy", "fixed"], "peak_stack:"),
        (
            vec!["--strategy", "segmented", "--segment-cache", "none"],
            "splits:",
        ),
        (vec!["--strategy", "segmented"], "max_chain:"),
        (vec!["--strategy", "copying"], "grows:"),
        (
            vec!["--strategy", "copying", "--force-move"],
            "pointers_adjusted:",
        ),
    ] {
        let mut a = vec!["run", "--stats"];
        a.extend(args.iter().copied());
        a.push(&p);
        let o = run(&a);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o), "1000000\n", "{args:?}");
        let line = stderr(&o)
            .lines()
            .find(|l| l.starts_with(key))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{args:?}: no {key} in {}", stderr(&o)));
        let n: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(n > 0, "{args:?}: {line}");
    }
    // Options that do not fit the strategy are refused.
    for bad in [
        vec!["--strategy", "segmented", "--no-stack-check"],
        vec!["--strategy", "fixed", "--force-move"],
        vec!["--strategy", "segmented", "--stack-min", "1KiB"],
        vec![
            "--strategy",
            "copying",
            "--stack-min",
            "64KiB",
            "--stack-max",
            "32KiB",
        ],
    ] {
        let mut a = vec!["run"];
        a.extend(bad.iter().copied());
        a.push(&p);
        let o = run(&a);
        assert_eq!(code(&o), 1, "{bad:?}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with("morestack: "),
            "{bad:?}: {}",
            stderr(&o)
        );
        assert_sane(&o, "bad option");
    }
}

/// --trace-stack writes the stack's size over time: it rises and falls with the chain
/// (segmented) and doubles (copying).
#[test]
fn trace_stack_csv() {
    let p = program("reloc_churn.go");
    for (strategy, check) in [("segmented", "falls"), ("copying", "doubles")] {
        let out = scratch(&format!("trace-{strategy}"), b"");
        let o = run(&[
            "run",
            "--strategy",
            strategy,
            "--stack-min",
            "2KiB",
            "--trace-stack",
            out.to_str().unwrap(),
            &p,
        ]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let csv = std::fs::read_to_string(&out).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("time_ns,stack_bytes"));
        let rows: Vec<(u64, u64)> = lines
            .map(|l| {
                let (t, b) = l.split_once(',').unwrap();
                (t.parse().unwrap(), b.parse().unwrap())
            })
            .collect();
        assert_eq!(rows[0], (0, 2048), "{strategy}");
        assert!(
            rows.windows(2).all(|w| w[0].0 <= w[1].0),
            "{strategy}: time goes on"
        );
        let falls = rows.windows(2).any(|w| w[1].1 < w[0].1);
        let doubles = rows.windows(2).any(|w| w[1].1 == 2 * w[0].1);
        assert!(
            if check == "falls" { falls } else { doubles },
            "{strategy}: {rows:?}"
        );
    }
    let o = run(&[
        "run",
        "--strategy",
        "fixed",
        "--trace-stack",
        "/dev/null",
        &p,
    ]);
    assert_eq!(code(&o), 1);
}

/// Issue 9: a zero-valued global of 1 GiB that the program barely touches costs no memory
/// (it used to be a zeroed data object: 1 GiB resident). The child's own peak RSS, from
/// `wait4`, must be far below the global's size, under every strategy.
#[test]
#[allow(clippy::zombie_processes)] // reaped by wait4 below, for its rusage
fn untouched_global_memory_is_not_resident() {
    use std::io::Read;
    use std::process::Stdio;
    let p = program("globals_huge_untouched.go");
    let expected = std::fs::read_to_string(program("globals_huge_untouched.out")).unwrap();
    for strategy in ["fixed", "segmented", "copying"] {
        let mut child = bin()
            .args(["run", "--strategy", strategy, &p])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot spawn morestack");
        // Read the (short) output to its end, then reap the child with wait4 for its
        // resource usage (std's `wait` does not report it).
        let (mut out, mut err) = (String::new(), String::new());
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let pid = child.id() as libc::pid_t;
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value for wait4 to fill.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our child, not yet waited for; the pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        assert_eq!(r, pid, "wait4: {}", std::io::Error::last_os_error());
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{strategy}: status {status}, stderr {err}"
        );
        assert_eq!(out, expected, "{strategy}");
        let rss_kib = ru.ru_maxrss;
        assert!(
            rss_kib < 100 << 10,
            "{strategy}: peak RSS {rss_kib} KiB for a 1 GiB global touched in 3 places"
        );
    }
}

/// A scratch directory unique to this test process and `tag`.
fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("morestack-cli-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `morestack build` writes an executable that prints what Go prints, named after the
/// source file in the current directory by default; it takes no arguments and runs
/// without the compiler (it is static: no interpreter, no shared library).
#[test]
fn build_writes_an_executable_that_matches_go() {
    let dir = scratch_dir("build");
    let src = root().join("examples/ackermann.go");
    let o = bin()
        .current_dir(&dir)
        .args(["build", s(&src)])
        .output()
        .unwrap();
    assert_sane(&o, "build");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "", "build printed something");
    let exe = dir.join("ackermann");
    let r = Command::new(&exe).output().unwrap();
    assert_eq!(code(&r), 0, "{}", stderr(&r));
    let want = std::fs::read_to_string(root().join("examples/ackermann.out")).unwrap();
    assert_eq!(stdout(&r), want);
    let elf = std::fs::read(&exe).unwrap();
    assert_eq!(&elf[..4], b"\x7fELF");
    assert!(
        !elf.windows(8).any(|w| w == b"ld-linux"),
        "the executable names a dynamic loader"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A built program's panic exits 2 with Go's text; `--stats` makes it print the run's
/// statistics (here: a stack that moved, under the stress mode of a 2 KiB stack).
#[test]
fn build_panics_and_stats() {
    let dir = scratch_dir("build-panic");
    let exe = dir.join("p");
    let o = run(&[
        "build",
        "-o",
        s(&exe),
        &program("arrays_bool_index_panic.go"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let r = Command::new(&exe).output().unwrap();
    assert_eq!(code(&r), 2, "{}", stderr(&r));
    assert!(stderr(&r).starts_with("panic: "), "{}", stderr(&r));
    let o = run(&[
        "build",
        "--stack-min",
        "2KiB",
        "--force-move",
        "--stats",
        "-o",
        s(&exe),
        &program("deep_pointer_chain.go"),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let r = Command::new(&exe).output().unwrap();
    assert_eq!(code(&r), 0, "{}", stderr(&r));
    let err = stderr(&r);
    assert!(err.contains("strategy: copying"), "{err}");
    assert!(err.contains("force_move: true"), "{err}");
    let moves: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("moves: "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no moves line: {err}"));
    assert!(moves > 0, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Errors of `build`: a compile error (status 1, Go's position, no executable), bad
/// options, a file that is not `.go` without `-o`, a missing start-up library.
#[test]
fn build_errors() {
    let dir = scratch_dir("build-errors");
    let exe = dir.join("never");
    let bad = scratch("build_bad", b"package main\n\nfunc main() {\n\tx := 1\n}\n");
    let o = run(&["build", "-o", s(&exe), s(&bad)]);
    assert_sane(&o, "compile error");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("build_bad.go:4:2: x declared but not used"),
        "{}",
        stderr(&o)
    );
    assert!(!exe.exists(), "an executable was written");
    let hello = program("hello.go");
    for args in [
        vec!["build", "--strategy", "fixed", "--force-move", &hello],
        vec!["build", "--stack-min", "12", &hello],
        vec!["build", "--target", "sparc", &hello],
        vec!["build", "/nonexistent.go"],
        vec!["build", "/dev/null"],
    ] {
        let o = bin().current_dir(&dir).args(&args).output().unwrap();
        assert_sane(&o, &format!("{args:?}"));
        assert_eq!(code(&o), 1, "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).trim().is_empty(), "{args:?}: no message");
    }
    let o = bin()
        .env("MORESTACK_START_LIB", "/nonexistent/libmorestack_start.a")
        .args(["build", "-o", s(&exe), &hello])
        .output()
        .unwrap();
    assert_sane(&o, "missing start lib");
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("MORESTACK_START_LIB=/nonexistent/libmorestack_start.a: no such file"),
        "{}",
        stderr(&o)
    );
    assert!(!exe.exists(), "an executable was written");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "files left behind"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

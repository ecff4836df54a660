//! Runs every program of `tests/programs/`, `examples/` and `tests/goroutines/` (but
//! `go_million.go`, a benchmark) in-process through the library and compares with what Go
//! printed (see `tests/README.md` for the expectation files).
//!
//! One trial per program and stack configuration, named `LABEL::PROGRAM` (filter with
//! `cargo test --test programs -- fixed::`). Runs in-process, so it also works in the
//! AArch64 test binary under qemu-user. Needs `harness = false` for this test target.
//!
//! Environment: `MORESTACK_TEST_STACK_MAX` (bytes) overrides the stack maximum of every
//! configuration (default 256 MiB: enough for every program, and it keeps the overflow
//! programs from touching a whole GiB of memory).
//! Goroutine programs under the fixed strategy use at most 4 MiB (`FIXED_GOROUTINE_STACK_MAX`).

// Until Cargo.toml declares this target `harness = false`, the default harness ignores
// `main`: keep that interim build warning-free.
#![cfg_attr(test, allow(dead_code))]

use libtest_mimic::{Arguments, Failed, Trial};
use morestack::{CompileOptions, SegmentCache, StackConfig, Strategy, Target};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The stack maximum of the test runs, unless `MORESTACK_TEST_STACK_MAX` says otherwise.
const DEFAULT_STACK_MAX: usize = 256 << 20;

fn stack_max() -> usize {
    std::env::var("MORESTACK_TEST_STACK_MAX")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(DEFAULT_STACK_MAX)
}

/// Every configuration each program runs under: `(label, config)`. New strategies (and
/// variants such as a small initial stack, cache policies or forced moves) are added
/// here and every program then also runs under them.
fn configs() -> Vec<(&'static str, StackConfig)> {
    let max = stack_max();
    vec![
        ("fixed", StackConfig::fixed(max)),
        (
            "segmented-none-2k",
            StackConfig::segmented(2 << 10, SegmentCache::None, max),
        ),
        (
            "segmented-keep-2k",
            StackConfig::segmented(2 << 10, SegmentCache::Keep, max),
        ),
        ("copying-2k", StackConfig::copying(2 << 10, max, false)),
        ("copying-2k-force", StackConfig::copying(2 << 10, max, true)),
    ]
}

/// What Go printed for one program.
#[derive(Clone, Debug)]
struct Expect {
    /// The print/println text (Go's stderr before any error text): our stdout.
    out: Vec<u8>,
    /// Go's error lines (`NAME.err`): the first line, then further lines that must also
    /// appear; empty when the program succeeds.
    err: Vec<String>,
    /// Go's exit status (`NAME.code`, 0 when absent).
    code: i32,
}

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}

fn goroutines_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/goroutines")
}

/// Programs of `tests/goroutines/` not run here (benchmarks too big for every mode).
const SKIPPED_GOROUTINE_PROGRAMS: &[&str] = &["go_million.go"];

/// The stack maximum of the goroutine programs under the fixed strategy: every fixed
/// goroutine stack is a `stack_max` carve of address space, and on AArch64 (run under
/// qemu-user in CI) qemu's bookkeeping of the guest's mappings costs host memory in
/// proportion to it (100 000 goroutines of 256 MiB: qemu was killed at 24 GB; of 16 MiB:
/// 22 GB; of 4 MiB: 6 GB). The deepest goroutine program, `go_deep_many`, needs between
/// 1 and 2 MiB.
const FIXED_GOROUTINE_STACK_MAX: usize = 4 << 20;

/// Whether goroutine program `name` is left out under configuration `label` (both are
/// benchmarks of `ci/bench.py` and run under every other configuration): in the stress
/// mode, `go_pingpong`'s two million channel operations each move the stack (50 s), and
/// `go_spawn`'s 100 000 grown goroutines alive at once need more than Linux's default
/// 65 530 mappings (see [`many_mappings_allowed`]).
fn skipped_goroutine_program(label: &str, name: &str) -> bool {
    label.ends_with("copying-2k-force")
        && (name == "go_pingpong" || (name == "go_spawn" && !many_mappings_allowed()))
}

/// Whether the kernel lets a process have the mappings `go_spawn` needs in the stress mode
/// (`vm.max_map_count` of at least [`STRESS_MAP_COUNT`]; `ci/test.sh` raises it when it
/// can). When it does not, the program is left out of the stress mode with a warning.
fn many_mappings_allowed() -> bool {
    let n: usize = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let ok = n >= STRESS_MAP_COUNT;
    if !ok {
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            eprintln!(
                "warning: vm.max_map_count is {n}, below {STRESS_MAP_COUNT}: go_spawn is left \
                 out of the stress mode (run ci/test.sh as root, or \
                 `sysctl vm.max_map_count={STRESS_MAP_COUNT}`)"
            )
        });
    }
    ok
}

/// `vm.max_map_count` the stress mode needs for `go_spawn`: its 100 000 goroutines each
/// grow (two moves) before they park, so each parked stack is a read-write island among
/// retired ones in the shared arenas, two kernel mappings (see "Goroutines" in the
/// runtime's `arena` module); programs run in parallel in this process.
const STRESS_MAP_COUNT: usize = 1 << 20;

/// The `.go` files of a directory, sorted by name.
fn go_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "go"))
        .collect();
    v.sort();
    v
}

fn load_expect(go: &Path) -> Result<Expect, String> {
    let out = std::fs::read(go.with_extension("out")).map_err(|e| {
        format!(
            "{}: {e} (run ci/expectations.sh --update)",
            go.with_extension("out").display()
        )
    })?;
    let err = match std::fs::read_to_string(go.with_extension("err")) {
        Ok(s) => s.lines().map(str::to_string).collect(),
        Err(_) => Vec::new(),
    };
    let code = match std::fs::read_to_string(go.with_extension("code")) {
        Ok(s) => s
            .trim()
            .parse()
            .map_err(|_| format!("{}: not a number", go.with_extension("code").display()))?,
        Err(_) => 0,
    };
    if code == 0 && !err.is_empty() {
        return Err(format!("{}: .err without .code", go.display()));
    }
    Ok(Expect { out, err, code })
}

/// Replaces the byte count in `runtime: goroutine stack exceeds N-byte limit` by `N`:
/// Go's limit (1000000000) and ours (configurable) differ.
fn normalize(line: &str) -> String {
    const PRE: &str = "runtime: goroutine stack exceeds ";
    const POST: &str = "-byte limit";
    if let Some(rest) = line.strip_prefix(PRE) {
        if let Some(num) = rest.strip_suffix(POST) {
            if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) {
                return format!("{PRE}N{POST}");
            }
        }
    }
    line.to_string()
}

/// Shows where two outputs first differ.
fn describe_diff(want: &[u8], got: &[u8]) -> String {
    let w = String::from_utf8_lossy(want);
    let g = String::from_utf8_lossy(got);
    let wl: Vec<&str> = w.split_inclusive('\n').collect();
    let gl: Vec<&str> = g.split_inclusive('\n').collect();
    let i = wl
        .iter()
        .zip(gl.iter())
        .position(|(a, b)| a != b)
        .unwrap_or(wl.len().min(gl.len()));
    let show = |v: &[&str]| -> String {
        v.iter()
            .skip(i.saturating_sub(2))
            .take(5)
            .map(|l| format!("    {l:?}\n"))
            .collect()
    };
    format!(
        "stdout differs at line {} (expected {} bytes / {} lines, got {} bytes / {} lines)\n  expected:\n{}  got:\n{}",
        i + 1,
        want.len(),
        wl.len(),
        got.len(),
        gl.len(),
        show(&wl),
        show(&gl)
    )
}

/// Compares one run's outcome with Go's.
fn compare(
    expect: &Expect,
    out: &[u8],
    result: Result<(), morestack::RunError>,
) -> Result<(), String> {
    let (code, message) = match &result {
        Ok(()) => (0, String::new()),
        Err(e) => (2, e.go_message()),
    };
    compare_status(expect, out, code, &message)
}

/// Compares one run's stdout, exit status and stderr with Go's.
fn compare_status(expect: &Expect, out: &[u8], code: i32, message: &str) -> Result<(), String> {
    let mut problems = Vec::new();
    if out != expect.out.as_slice() {
        problems.push(describe_diff(&expect.out, out));
    }
    if code != expect.code {
        problems.push(format!(
            "exit status {code}, expected {} (stderr: {:?})",
            expect.code,
            message.lines().next().unwrap_or("")
        ));
    }
    if !expect.err.is_empty() && code != 0 {
        let ours: Vec<String> = message.lines().map(normalize).collect();
        let want0 = normalize(&expect.err[0]);
        match ours.first() {
            Some(l) if *l == want0 => {}
            other => problems.push(format!(
                "first stderr line {:?}, expected {want0:?}",
                other.map(String::as_str).unwrap_or("")
            )),
        }
        // Every further recorded line must follow, in order.
        let mut at = 1;
        for w in &expect.err[1..] {
            let w = normalize(w);
            match ours[at.min(ours.len())..].iter().position(|l| *l == w) {
                Some(k) => at += k + 1,
                None => problems.push(format!("stderr lacks the line {w:?}: {message:?}")),
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Compiles and runs one program under one configuration.
fn run_one(go: &Path, cfg: &StackConfig) -> Result<(), Failed> {
    let expect = load_expect(go)?;
    let src = std::fs::read_to_string(go).map_err(|e| format!("{}: {e}", go.display()))?;
    let name = go.file_name().unwrap().to_string_lossy().to_string();
    let prog = morestack::compile(&name, &src, &CompileOptions::for_strategy(cfg.strategy))
        .map_err(|e| format!("compile error:\n{}", e.render()))?;
    let mut out = Vec::new();
    let res = prog.run_main(cfg, &mut out).map(|_| ());
    compare(&expect, &out, res).map_err(Failed::from)
}

/// The configurations programs built ahead of time (`morestack build`) run under, as
/// processes of their own: natively on x86-64, and for AArch64 under `qemu-aarch64`
/// (built on x86-64 hosts only: the AArch64 test binary itself runs under qemu-user,
/// which cannot run the C compiler that links).
fn built_configs() -> Vec<(&'static str, Target, StackConfig)> {
    if !cfg!(target_arch = "x86_64") {
        return Vec::new();
    }
    let max = stack_max();
    let mut v = vec![
        (
            "built-copying",
            Target::X86_64,
            StackConfig::copying(morestack_runtime::DEFAULT_STACK_MIN, max, false),
        ),
        (
            "built-copying-2k-force",
            Target::X86_64,
            StackConfig::copying(2 << 10, max, true),
        ),
    ];
    let qemu = std::process::Command::new("qemu-aarch64")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let lib = morestack::aot::start_lib(Target::Aarch64)
        .and_then(|_| morestack::aot::musl_dir(Target::Aarch64));
    if let (true, Ok(_)) = (qemu, &lib) {
        v.push((
            "built-aarch64-copying-2k-force",
            Target::Aarch64,
            StackConfig::copying(2 << 10, max, true),
        ));
    } else {
        eprintln!(
            "warning: programs built for AArch64 are not run: {} (ci/test.sh sets both up \
             unless --no-aarch64)",
            lib.err()
                .unwrap_or_else(|| "qemu-aarch64 not found".to_string())
        );
    }
    v
}

/// Builds one program ahead of time for `target`, runs the executable (under
/// `qemu-aarch64` for AArch64) and compares what it printed and its exit status with Go's.
fn run_built(go: &Path, target: Target, cfg: &StackConfig) -> Result<(), Failed> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let expect = load_expect(go)?;
    let src = std::fs::read_to_string(go).map_err(|e| format!("{}: {e}", go.display()))?;
    let name = go.file_name().unwrap().to_string_lossy().to_string();
    let run = morestack::aot::RunConfig {
        stack: cfg.clone(),
        stats: false,
    };
    let obj = morestack::compile_object(
        &name,
        &src,
        &CompileOptions::for_strategy(cfg.strategy),
        target,
        &run,
    )
    .map_err(|e| format!("compile error:\n{}", e.render()))?;
    let exe = std::env::temp_dir().join(format!(
        "morestack-test-built-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    morestack::aot::link(&obj, target, &exe)?;
    let mut cmd = if Some(target) == Target::host() {
        std::process::Command::new(&exe)
    } else {
        let mut c = std::process::Command::new("qemu-aarch64");
        c.arg(&exe);
        c
    };
    let o = cmd.output();
    let _ = std::fs::remove_file(&exe);
    let o = o.map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    let code = o.status.code().unwrap_or(-1);
    compare_status(
        &expect,
        &o.stdout,
        code,
        &String::from_utf8_lossy(&o.stderr),
    )
    .map_err(Failed::from)
}

/// Runs one program on 8 OS threads at once: 8 separately compiled copies in parallel,
/// then one shared `Compiled` used from 8 threads (its runs are serialized).
fn eight_threads(go: PathBuf, cfg: StackConfig) -> Result<(), Failed> {
    let expect = Arc::new(load_expect(&go)?);
    let src = Arc::new(std::fs::read_to_string(&go).map_err(|e| e.to_string())?);
    let mut handles = Vec::new();
    for t in 0..8 {
        let (expect, src, cfg) = (expect.clone(), src.clone(), cfg.clone());
        handles.push(std::thread::spawn(move || -> Result<(), String> {
            let prog = morestack::compile(
                "threads.go",
                &src,
                &CompileOptions::for_strategy(cfg.strategy),
            )
            .map_err(|e| e.render())?;
            for _ in 0..3 {
                let mut out = Vec::new();
                let res = prog.run_main(&cfg, &mut out).map(|_| ());
                compare(&expect, &out, res).map_err(|e| format!("thread {t}: {e}"))?;
            }
            Ok(())
        }));
    }
    let prog = Arc::new(
        morestack::compile(
            "threads.go",
            &src,
            &CompileOptions::for_strategy(cfg.strategy),
        )
        .map_err(|e| e.render())?,
    );
    for t in 0..8 {
        let (expect, prog, cfg) = (expect.clone(), prog.clone(), cfg.clone());
        handles.push(std::thread::spawn(move || -> Result<(), String> {
            let mut out = Vec::new();
            let res = prog.run_main(&cfg, &mut out).map(|_| ());
            compare(&expect, &out, res).map_err(|e| format!("shared, thread {t}: {e}"))
        }));
    }
    let mut errors = Vec::new();
    for h in handles {
        match h.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => errors.push(e),
            Err(_) => errors.push("a thread panicked".to_string()),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n").into())
    }
}

/// Checks the harness's own comparison logic.
fn selftest() -> Result<(), Failed> {
    use morestack::RunError;
    let ok = Expect {
        out: b"1\n".to_vec(),
        err: vec![],
        code: 0,
    };
    compare(&ok, b"1\n", Ok(()))?;
    if compare(&ok, b"2\n", Ok(())).is_ok() || compare(&ok, b"1", Ok(())).is_ok() {
        return Err("stdout differences not detected".into());
    }
    let panic = Expect {
        out: vec![],
        err: vec!["panic: boom".into()],
        code: 2,
    };
    compare(&panic, b"", Err(RunError::Panic("boom".into())))?;
    if compare(&panic, b"", Err(RunError::Panic("bam".into()))).is_ok()
        || compare(&panic, b"", Ok(())).is_ok()
    {
        return Err("panic differences not detected".into());
    }
    let overflow = Expect {
        out: b"starting\n".to_vec(),
        err: vec![
            "runtime: goroutine stack exceeds 1000000000-byte limit".into(),
            "fatal error: stack overflow".into(),
        ],
        code: 2,
    };
    let e = || Err(RunError::StackOverflow { limit: 65536 });
    compare(&overflow, b"starting\n", e())?;
    if compare(&overflow, b"starting\n", Err(RunError::Panic("x".into()))).is_ok() {
        return Err("overflow vs panic not detected".into());
    }
    if normalize("runtime: goroutine stack exceeds 12-byte limit")
        != normalize("runtime: goroutine stack exceeds 1000000000-byte limit")
        || normalize("panic: 12") != "panic: 12"
    {
        return Err("normalize".into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let files = go_files(&programs_dir());
    let examples = go_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"));
    // The goroutine programs, but for the benchmark of a million goroutines (seconds and
    // gigabytes of address space per run: `ci/bench.py` runs it).
    let goroutines: Vec<PathBuf> = go_files(&goroutines_dir())
        .into_iter()
        .filter(|p| !SKIPPED_GOROUTINE_PROGRAMS.iter().any(|s| p.ends_with(s)))
        .collect();
    // Every program with the prefix of its trials' names.
    let all: Vec<(&str, &PathBuf)> = files
        .iter()
        .map(|f| ("", f))
        .chain(examples.iter().map(|f| ("examples::", f)))
        .chain(goroutines.iter().map(|f| ("goroutines::", f)))
        .collect();
    let mut trials = vec![Trial::test("harness::selftest", selftest)];
    for (label, cfg) in configs() {
        for &(prefix, go) in &all {
            let name = go.file_stem().unwrap().to_string_lossy().to_string();
            if prefix == "goroutines::" && skipped_goroutine_program(label, &name) {
                continue;
            }
            let (go, mut cfg) = (go.clone(), cfg.clone());
            if prefix == "goroutines::" && cfg.strategy == Strategy::Fixed {
                cfg.stack_max = cfg.stack_max.min(FIXED_GOROUTINE_STACK_MAX);
            }
            trials.push(Trial::test(format!("{label}::{prefix}{name}"), move || {
                run_one(&go, &cfg)
            }));
        }
        // The same programs on several OS threads at once.
        for name in ["deep_pointer_chain", "panic_deep", "frame_huge_recursion"] {
            let go = programs_dir().join(format!("{name}.go"));
            let cfg = cfg.clone();
            trials.push(Trial::test(
                format!("{label}::threads8::{name}"),
                move || eight_threads(go, cfg),
            ));
        }
    }
    for (label, target, cfg) in built_configs() {
        for &(prefix, go) in &all {
            let name = go.file_stem().unwrap().to_string_lossy().to_string();
            if prefix == "goroutines::" && skipped_goroutine_program(label, &name) {
                continue;
            }
            let (go, cfg) = (go.clone(), cfg.clone());
            trials.push(Trial::test(format!("{label}::{prefix}{name}"), move || {
                run_built(&go, target, &cfg)
            }));
        }
    }
    if files.len() < 90 {
        eprintln!("warning: only {} programs in tests/programs", files.len());
    }
    if goroutines.len() < 13 {
        eprintln!(
            "warning: only {} programs in tests/goroutines",
            goroutines.len()
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

//! The `morestack` command-line tool: a thin layer over the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use morestack::{CompileOptions, RunError, SegmentCache, StackConfig, Strategy, Target};
use std::io::Write;
use std::process::ExitCode;

/// Compiles a strict subset of Go to native code with Cranelift and runs it on small
/// stacks that grow on demand.
#[derive(Parser)]
#[command(name = "morestack", version, about)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Compile FILE.go and run it: `print`/`println` output goes to stdout; a panic or a
    /// stack overflow prints Go's message to stderr and exits with status 2; compile
    /// errors are printed to stderr with status 1.
    Run {
        /// The Go source file.
        file: String,
        #[command(flatten)]
        stack: StackArgs,
        /// Write the stack's size over time to FILE as CSV (`time_ns,stack_bytes`): every
        /// split and unsplit (segmented; its fast paths are then off) or move (copying).
        #[arg(long, value_name = "FILE")]
        trace_stack: Option<String>,
        /// Print statistics to stderr after the run: compile time, code size, and what the
        /// runtime did (one `key: value` per line; see the README).
        #[arg(long)]
        stats: bool,
        /// Omit the stack-check prologue (only with `--strategy fixed`; for measuring the
        /// check's cost: a program that overflows then crashes).
        #[arg(long)]
        no_stack_check: bool,
    },
    /// Compile FILE.go ahead of time into a static executable (linked by the system's C
    /// compiler with the runtime's start-up library, libmorestack_start.a) that runs the
    /// program as `morestack run` would with the same options, without the compiler in
    /// the process: smaller and faster to start. The executable takes no arguments.
    Build {
        /// The Go source file.
        file: String,
        /// The executable to write (default: FILE's name without `.go`, in the current
        /// directory, as `go build` names it).
        #[arg(short, long, value_name = "OUT")]
        output: Option<String>,
        /// The target architecture (default: the host; the other one is linked with
        /// its cross C compiler, e.g. aarch64-linux-gnu-gcc).
        #[arg(long, value_enum)]
        target: Option<TargetArg>,
        #[command(flatten)]
        stack: StackArgs,
        /// Print the run's statistics to stderr when the program ends.
        #[arg(long)]
        stats: bool,
    },
    /// Check FILE.go for errors without running it: prints diagnostics to stderr and
    /// exits with status 1 if there are any; prints nothing and exits 0 otherwise.
    Check {
        /// The Go source file.
        file: String,
    },
    /// Print the generated code of FILE.go: Cranelift IR (`--clif`) or machine code
    /// (`--asm`) for either target.
    Emit {
        /// Print Cranelift IR.
        #[arg(long, conflicts_with = "asm", required_unless_present = "asm")]
        clif: bool,
        /// Print disassembled machine code.
        #[arg(long)]
        asm: bool,
        /// The target architecture (default: the host).
        #[arg(long, value_enum)]
        target: Option<TargetArg>,
        /// The code `run --strategy` would run: `copying` (the default) is relocatable
        /// code (optimized, then stack addresses live across calls recomputed or kept in
        /// stack-map slots); `fixed` and `segmented` are just optimized.
        #[arg(long, value_enum, default_value = "copying")]
        strategy: StrategyArg,
        /// The Go source file.
        file: String,
    },
}

/// The stack options of `run` and `build`.
#[derive(Args)]
struct StackArgs {
    /// The stack strategy.
    #[arg(long, value_enum, default_value = "copying")]
    strategy: StrategyArg,
    /// Maximum stack size: bytes, or with a unit: KiB, MiB, GiB (binary), KB, MB, GB
    /// (decimal), e.g. `64KiB`, `1GiB`. The default is Go's limit, 1GB
    /// (1000000000 bytes), so overflow messages match Go's. Fixed: the size of the
    /// one reservation; segmented: the total of the segments in the chain; copying:
    /// no stack may grow past it (stacks are powers of two, so under 1GB the largest
    /// is 512MiB, as in Go).
    #[arg(long, default_value = "1GB", value_parser = parse_size)]
    stack_max: usize,
    /// Segmented: size of the first segment and of every ordinary later one (a
    /// frame too big for it gets a segment big enough). Copying: size of the first
    /// stack, rounded up to a power of two. At least 2KiB.
    #[arg(long, default_value = "8KiB", value_parser = parse_size)]
    stack_min: usize,
    /// Segmented: what to do with a segment lessstack leaves.
    #[arg(long, value_enum, default_value = "keep")]
    segment_cache: CacheArg,
    /// Copying, stress mode: also move the stack at every host call (print, panic)
    /// and leave every old stack inaccessible, so that a pointer the relocation
    /// missed faults at once.
    #[arg(long)]
    force_move: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StrategyArg {
    /// One large reservation (`--stack-max`); reaching its end is a stack overflow.
    Fixed,
    /// A chain of segments (`--stack-min` each): morestack links a new one when a
    /// function does not fit, lessstack unlinks it when the function returns.
    Segmented,
    /// One contiguous stack (`--stack-min` at first) that morestack copies into one twice
    /// as large, relocating every pointer into it; halved at a host call when under a
    /// quarter is in use.
    Copying,
}

impl From<StrategyArg> for Strategy {
    fn from(s: StrategyArg) -> Strategy {
        match s {
            StrategyArg::Fixed => Strategy::Fixed,
            StrategyArg::Segmented => Strategy::Segmented,
            StrategyArg::Copying => Strategy::Copying,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum CacheArg {
    /// Free a segment as soon as lessstack leaves it (the textbook hot split).
    None,
    /// Keep left segments for the next split (the default).
    Keep,
}

#[derive(Clone, Copy, ValueEnum)]
enum TargetArg {
    /// x86-64.
    #[value(name = "x86_64")]
    X86_64,
    /// AArch64.
    #[value(name = "aarch64")]
    Aarch64,
}

/// Parses a size such as `4096`, `8KiB`, `16MiB`, `1GiB`, `64KB`.
fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let num = num.replace('_', "");
    if num.is_empty() {
        return Err(format!(
            "invalid size {s:?}: expected a number of bytes, e.g. 8KiB"
        ));
    }
    let n: u64 = num
        .parse()
        .map_err(|_| format!("invalid size {s:?}: number too large"))?;
    let mult: u64 = match unit.trim() {
        "" | "B" => 1,
        "KiB" | "K" | "k" => 1 << 10,
        "MiB" | "M" => 1 << 20,
        "GiB" | "G" => 1 << 30,
        "TiB" => 1 << 40,
        "KB" | "kB" => 1_000,
        "MB" => 1_000_000,
        "GB" => 1_000_000_000,
        u => {
            return Err(format!(
                "invalid size {s:?}: unknown unit {u:?} (use KiB, MiB, GiB, KB, MB, GB)"
            ))
        }
    };
    let bytes = n
        .checked_mul(mult)
        .ok_or_else(|| format!("invalid size {s:?}: too large"))?;
    if bytes == 0 {
        return Err(format!("invalid size {s:?}: must be more than zero"));
    }
    // The lower bounds depend on the option (checked by StackConfig::validate).
    let max = morestack_runtime::MAX_STACK_MAX as u64;
    if bytes > max {
        return Err(format!("invalid size {s:?}: must be at most {max} bytes"));
    }
    Ok(bytes as usize)
}

fn read(file: &str) -> Result<String, ExitCode> {
    match std::fs::read(file) {
        Ok(b) => morestack::source_text(file, b).map_err(|e| {
            eprintln!("{e}");
            ExitCode::from(1)
        }),
        Err(e) => {
            eprintln!("morestack: cannot read {file}: {e}");
            Err(ExitCode::from(1))
        }
    }
}

/// The target `--target` names, or the host.
fn target_of(target: Option<TargetArg>) -> Result<Target, ExitCode> {
    Ok(match target {
        Some(TargetArg::X86_64) => Target::X86_64,
        Some(TargetArg::Aarch64) => Target::Aarch64,
        None => Target::host().ok_or_else(|| {
            eprintln!("morestack: unsupported host architecture; use --target");
            ExitCode::from(1)
        })?,
    })
}

/// The stack configuration the options give (errors printed, status 1).
fn stack_config(a: &StackArgs, trace: bool) -> Result<StackConfig, ExitCode> {
    if a.force_move && a.strategy != StrategyArg::Copying {
        eprintln!("morestack: --force-move works only with --strategy copying");
        return Err(ExitCode::from(1));
    }
    let cfg = StackConfig {
        strategy: a.strategy.into(),
        stack_max: a.stack_max,
        stack_min: a.stack_min,
        segment_cache: match a.segment_cache {
            CacheArg::None => SegmentCache::None,
            CacheArg::Keep => SegmentCache::Keep,
        },
        force_move: a.force_move,
        trace,
        // Set from the program by `Compiled`'s run methods (and by `build`).
        reserve: morestack_runtime::DEFAULT_RESERVE,
    };
    if let Err(e) = cfg.validate() {
        eprintln!(
            "morestack: {}",
            e.replace("stack_min", "--stack-min")
                .replace("stack_max", "--stack-max")
        );
        return Err(ExitCode::from(1));
    }
    Ok(cfg)
}

fn main() -> ExitCode {
    // Bad options exit 1, like compile errors (clap's own status, 2, is a program's panic
    // here); `--help` and `--version` exit 0.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    match run(cli) {
        Ok(c) | Err(c) => c,
    }
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    match cli.cmd {
        Cmd::Run {
            file,
            stack,
            stats,
            no_stack_check,
            trace_stack,
        } => {
            let strategy = stack.strategy;
            if trace_stack.is_some() && strategy == StrategyArg::Fixed {
                eprintln!("morestack: --trace-stack needs --strategy segmented or copying (a fixed stack never changes size)");
                return Err(ExitCode::from(1));
            }
            if no_stack_check && strategy != StrategyArg::Fixed {
                eprintln!("morestack: --no-stack-check works only with --strategy fixed (without the check a stack cannot grow)");
                return Err(ExitCode::from(1));
            }
            let src = read(&file)?;
            // The trace file is created before anything runs, so that a path that cannot
            // be written is an error up front, not after the program's output.
            let mut trace_file = match &trace_stack {
                Some(path) => match std::fs::File::create(path) {
                    Ok(f) => Some((path, f)),
                    Err(e) => {
                        eprintln!("morestack: cannot write {path}: {e}");
                        return Err(ExitCode::from(1));
                    }
                },
                None => None,
            };
            let cfg = stack_config(&stack, trace_stack.is_some())?;
            let strategy = cfg.strategy;
            let opts = CompileOptions {
                stack_check: !no_stack_check,
                relocatable: strategy == Strategy::Copying,
                // Debugging only (the test that shows the relocation pass is needed):
                // relocatable code without the pass, which is unsound.
                skip_reloc_pass: std::env::var_os("MORESTACK_DEBUG_SKIP_RELOC_PASS")
                    .is_some_and(|v| v == "1"),
            };
            let t0 = std::time::Instant::now();
            let prog = morestack::compile(&file, &src, &opts).map_err(|e| {
                eprint!("{}", e.render());
                ExitCode::from(1)
            })?;
            let compile_time = t0.elapsed();
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let (st, res) = prog.run_main_with_stats(&cfg, &mut out);
            let _ = out.flush();
            drop(out);
            let mut trace_failed = false;
            if let Some((path, f)) = &mut trace_file {
                let mut csv = String::from("time_ns,stack_bytes\n");
                for (t, b) in &st.trace {
                    csv.push_str(&format!("{t},{b}\n"));
                }
                if let Err(e) = f.write_all(csv.as_bytes()).and_then(|()| f.flush()) {
                    eprintln!("morestack: cannot write {path}: {e}");
                    trace_failed = true;
                }
            }
            if stats {
                eprintln!("compile_time_us: {}", compile_time.as_micros());
                eprintln!("code_bytes: {}", prog.code_size());
                if let Some((name, depth)) = prog.deepest_precheck() {
                    eprintln!("precheck_depth_max: {depth} ({name})");
                }
                let entries = prog
                    .frames()
                    .iter()
                    .filter(|f| matches!(f.role, morestack::codegen::machine::Role::Entry { .. }))
                    .count();
                eprintln!("checking_entries: {entries}");
                eprint!("{st}");
            }
            match res {
                Ok(()) if trace_failed => Ok(ExitCode::from(1)),
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e @ RunError::Setup(_)) => {
                    eprint!("{}", e.go_message());
                    Ok(ExitCode::from(1))
                }
                Err(e) => {
                    eprint!("{}", e.go_message());
                    Ok(ExitCode::from(2))
                }
            }
        }
        Cmd::Build {
            file,
            output,
            target,
            stack,
            stats,
        } => {
            let cfg = stack_config(&stack, false)?;
            let target = target_of(target)?;
            let src = read(&file)?;
            // As `go build`: named after the source file, in the current directory.
            let out = match output {
                Some(o) => o,
                None => match std::path::Path::new(&file)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.strip_suffix(".go"))
                    .filter(|n| !n.is_empty())
                {
                    Some(stem) => stem.to_string(),
                    None => {
                        eprintln!(
                            "morestack: {file} is not a .go file: name the executable with -o"
                        );
                        return Err(ExitCode::from(1));
                    }
                },
            };
            let opts = CompileOptions::for_strategy(cfg.strategy);
            let run = morestack::aot::RunConfig { stack: cfg, stats };
            let obj = morestack::compile_object(&file, &src, &opts, target, &run).map_err(|e| {
                eprint!("{}", e.render());
                ExitCode::from(1)
            })?;
            if let Err(e) = morestack::aot::link(&obj, target, std::path::Path::new(&out)) {
                eprintln!("morestack: {e}");
                return Err(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Check { file } => {
            let src = read(&file)?;
            match morestack::check(&file, &src) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(e) => {
                    eprint!("{}", e.render());
                    Ok(ExitCode::from(1))
                }
            }
        }
        Cmd::Emit {
            clif,
            asm: _,
            target,
            strategy,
            file,
        } => {
            let opts = CompileOptions::for_strategy(strategy.into());
            let src = read(&file)?;
            let target = target_of(target)?;
            let r = if clif {
                morestack::emit_clif(&file, &src, target, &opts)
            } else {
                morestack::emit_asm(&file, &src, target, &opts)
            };
            match r {
                Ok(text) => {
                    let mut o = std::io::stdout().lock();
                    let _ = o.write_all(text.as_bytes());
                    let _ = o.flush();
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprint!("{}", e.render());
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("64KiB"), Ok(65536));
        assert_eq!(parse_size("1GB"), Ok(1_000_000_000));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("2KiB"), Ok(2048));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("64KB"), Ok(64000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("abc").is_err());
        assert!(parse_size("12XB").is_err());
        assert!(parse_size("99999999999999999999999").is_err());
        assert!(parse_size("100000TiB").is_err());
        assert!(parse_size("1000000000TiB").is_err());
    }
}

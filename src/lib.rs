//! morestack: compiles a strict subset of Go to native code with Cranelift and runs it on
//! small stacks that grow on demand.
//!
//! The library API used by the command-line tool and the tests:
//!
//! ```no_run
//! use morestack::{compile, CompileOptions, StackConfig};
//! let src = "package main\nfunc main() { println(1 + 2) }\n";
//! let prog = compile("x.go", src, &CompileOptions::default()).map_err(|e| e.render()).unwrap();
//! let cfg = StackConfig::fixed(1 << 30); // or StackConfig::segmented(...)
//! let mut out = Vec::new();
//! prog.run_main(&cfg, &mut out).unwrap();
//! assert_eq!(out, b"3\n");
//! ```

pub mod aot;
pub mod check;
pub mod codegen;
pub mod diag;
pub mod jit;
pub mod syntax;

pub use codegen::Target;
pub use morestack_runtime::{
    fix_signal_handlers, CopyStats, RunError, RunStats, SegmentCache, SegmentStats, StackConfig,
    Strategy,
};

use check::hir;

use std::fmt;
use std::io::Write;
use std::sync::Mutex;

/// Options for [`compile`].
#[derive(Clone, Debug)]
pub struct CompileOptions {
    /// Emit the stack-check prologue in every function (default `true`). Without it the
    /// program only runs safely on a fixed stack large enough for it: it exists to
    /// measure the check's cost (`--no-stack-check`).
    pub stack_check: bool,
    /// Generate code whose stack may be moved: every pointer into the stack that is live
    /// across a call is recorded in a stack map, and stack addresses are never kept in
    /// registers across calls. Required by [`Strategy::Copying`], the default strategy,
    /// so `true` by default; code for the other strategies runs faster without it (see
    /// [`CompileOptions::for_strategy`]).
    pub relocatable: bool,
    /// Debugging only: compile relocatable code without the relocation pass (optimized,
    /// with no stack maps). **Unsound**: the optimizer keeps stack addresses in registers
    /// across calls (see docs/DESIGN.md), so a moved stack leaves them stale. Exists only
    /// to show in a test that the pass is needed (the CLI sets it from the environment
    /// variable `MORESTACK_DEBUG_SKIP_RELOC_PASS=1`).
    #[doc(hidden)]
    pub skip_reloc_pass: bool,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions {
            stack_check: true,
            relocatable: true,
            skip_reloc_pass: false,
        }
    }
}

impl CompileOptions {
    /// The options code run under `strategy` needs (relocatable code for copying).
    pub fn for_strategy(strategy: Strategy) -> Self {
        CompileOptions {
            stack_check: true,
            relocatable: strategy == Strategy::Copying,
            skip_reloc_pass: false,
        }
    }
}

/// A program that failed to compile: the front end's diagnostics, or an error of the
/// code generator, rendered Go-style by [`CompileError::render`].
#[derive(Debug, Clone)]
pub struct CompileError {
    /// The front end's diagnostics (empty when the code generator failed).
    pub diagnostics: Vec<diag::Diagnostic>,
    /// An error of the code generator (something it does not support, or an internal
    /// error), if that is what failed.
    pub codegen: Option<codegen::CodegenError>,
    filename: String,
    source: String,
}

impl CompileError {
    fn from_codegen(filename: &str, source: &str, e: codegen::CodegenError) -> Self {
        CompileError {
            diagnostics: Vec::new(),
            codegen: Some(e),
            filename: filename.to_string(),
            source: source.to_string(),
        }
    }

    /// The errors as Go prints them: `FILE:LINE:COL: message`, then the source line and a
    /// caret under the column, for each error.
    pub fn render(&self) -> String {
        let mut s = if self.diagnostics.is_empty() {
            String::new()
        } else {
            diag::render(&self.filename, &self.source, &self.diagnostics)
        };
        if let Some(e) = &self.codegen {
            s.push_str(&render_one(&self.filename, &self.source, e.pos, &e.message));
        }
        s
    }
}

fn render_one(filename: &str, source: &str, pos: hir::Pos, msg: &str) -> String {
    if pos.line == 0 {
        return format!("{filename}: {msg}\n");
    }
    let mut s = format!("{filename}:{}:{}: {msg}\n", pos.line, pos.col);
    if let Some(line) = source.lines().nth(pos.line as usize - 1) {
        s.push_str(line);
        s.push('\n');
        let pad: String = line
            .bytes()
            .take(pos.col.saturating_sub(1) as usize)
            .map(|b| if b == b'\t' { '\t' } else { ' ' })
            .collect();
        s.push_str(&pad);
        s.push_str("^\n");
    }
    s
}

/// Decodes a source file: its text, or the front end's errors for the bytes (`invalid
/// UTF-8 encoding` at the line and byte column of a byte that is not UTF-8, as Go's
/// scanner reports it, sorted with the type errors gc still reports in such a file).
pub fn source_text(filename: &str, bytes: Vec<u8>) -> Result<String, CompileError> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // The front end reads bytes: its errors (the encoding among them, at the
            // lexer's position, and what gc still reports after it).
            if let Err(diagnostics) = on_compiler_stack(|| check::check_bytes(&bytes)) {
                return Err(CompileError {
                    diagnostics,
                    codegen: None,
                    filename: filename.to_string(),
                    source: String::from_utf8_lossy(&bytes).into_owned(),
                });
            }
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
            let col = (at - line_start) as u32 + 1;
            Err(CompileError {
                diagnostics: vec![diag::Diagnostic::new(
                    hir::Pos { line, col },
                    "invalid UTF-8 encoding",
                )],
                codegen: None,
                filename: filename.to_string(),
                source: String::from_utf8_lossy(&bytes).into_owned(),
            })
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

impl std::error::Error for CompileError {}

/// Why [`Compiled::check_call`] rejects a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError {
    /// No function of that name whose parameters and results are all `int`/`bool`.
    NoSuchFunction(String),
    /// Wrong number of arguments.
    Arity {
        /// The function.
        func: String,
        /// Its number of parameters.
        expected: usize,
        /// Arguments given.
        given: usize,
    },
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallError::NoSuchFunction(n) => write!(
                f,
                "no function {n} with only int/bool parameters and results"
            ),
            CallError::Arity {
                func,
                expected,
                given,
            } => write!(f, "{func} takes {expected} arguments, {given} given"),
        }
    }
}

impl std::error::Error for CallError {}

/// A compiled program, ready to run. It is `Send + Sync`; runs of one `Compiled` are
/// serialized (they share the package-level variables, which every run resets to zero
/// and re-initializes), runs of different `Compiled`s proceed in parallel.
pub struct Compiled {
    jit: jit::JitProgram,
    main_name: String,
    run_lock: Mutex<()>,
    relocatable: bool,
}

impl fmt::Debug for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compiled")
            .field("code_size", &self.jit.code_size)
            .finish_non_exhaustive()
    }
}

impl Compiled {
    /// `stack` with the reserve this program needs (see [`Compiled::reserve`]).
    fn with_reserve(&self, stack: &StackConfig) -> StackConfig {
        StackConfig {
            reserve: self.reserve(),
            ..stack.clone()
        }
    }

    /// The stack reserve this program needs: its largest *pre-check depth* (the bytes a
    /// function may write below its caller's SP before its stack check passes, measured
    /// from Cranelift's frame layout), rounded up to 16 and at least
    /// [`morestack_runtime::MIN_RESERVE`]. Every run of the program uses it as
    /// [`StackConfig::reserve`], whatever the given configuration says.
    pub fn reserve(&self) -> usize {
        (self.jit.reserve as usize).max(morestack_runtime::MIN_RESERVE)
    }

    /// The function with the largest pre-check depth, and that depth in bytes (`None`
    /// without stack checks).
    pub fn deepest_precheck(&self) -> Option<(&str, usize)> {
        self.jit
            .deepest
            .as_ref()
            .map(|(n, d)| (n.as_str(), *d as usize))
    }

    /// Every compiled function's frame: program functions (or their checking entries) in
    /// order, then the bodies behind checking entries.
    pub fn frames(&self) -> &[jit::FrameInfo] {
        &self.jit.frames
    }

    /// Code that is not relocatable must not run on a stack that moves.
    fn check_strategy(&self, stack: &StackConfig) -> Result<(), RunError> {
        if stack.strategy == Strategy::Copying && !self.relocatable {
            return Err(RunError::Setup(
                "the copying strategy needs code compiled with CompileOptions::relocatable"
                    .to_string(),
            ));
        }
        Ok(())
    }

    /// Runs the package initializer, then `main`, on a new stack configured by `stack`;
    /// `print`/`println` output goes to `out`.
    pub fn run_main(&self, stack: &StackConfig, out: &mut dyn Write) -> Result<RunStats, RunError> {
        let e = self.jit.entries[&self.main_name];
        let _g = self.run_lock.lock().unwrap_or_else(|p| p.into_inner());
        // SAFETY: we hold the run lock.
        unsafe { self.jit.reset_globals() };
        self.check_strategy(stack)?;
        // SAFETY: `e.entry` is this program's entry trampoline for a function of `e.params`
        // arguments and `e.results` results (checked above), compiled with this strategy's
        // code kind and kept mapped, with its stack maps registered, while `self` lives.
        unsafe { morestack_runtime::run(&self.with_reserve(stack), e.entry, &[], &mut [], out) }
    }

    /// As [`run_main`](Self::run_main), but also returns the statistics when the run
    /// ended early (a panic or a stack overflow).
    pub fn run_main_with_stats(
        &self,
        stack: &StackConfig,
        out: &mut dyn Write,
    ) -> (RunStats, Result<(), RunError>) {
        let e = self.jit.entries[&self.main_name];
        let _g = self.run_lock.lock().unwrap_or_else(|p| p.into_inner());
        // SAFETY: we hold the run lock.
        unsafe { self.jit.reset_globals() };
        if let Err(e) = self.check_strategy(stack) {
            return (RunStats::default(), Err(e));
        }
        // SAFETY: `e.entry` is this program's entry trampoline for a function of `e.params`
        // arguments and `e.results` results (checked above), compiled with this strategy's
        // code kind and kept mapped, with its stack maps registered, while `self` lives.
        unsafe {
            morestack_runtime::run_with_stats(&self.with_reserve(stack), e.entry, &[], &mut [], out)
        }
    }

    /// Checks that `func` can be [`call`](Self::call)ed with `nargs` arguments: it exists
    /// and its parameters and results are all `int`/`bool`.
    pub fn check_call(&self, func: &str, nargs: usize) -> Result<(), CallError> {
        let e = self
            .jit
            .entries
            .get(func)
            .ok_or_else(|| CallError::NoSuchFunction(func.to_string()))?;
        if e.params != nargs {
            return Err(CallError::Arity {
                func: func.to_string(),
                expected: e.params,
                given: nargs,
            });
        }
        Ok(())
    }

    /// Runs the package initializer, then function `func` with `args` (each `int`, or
    /// `bool` as 0/1), and returns its results (same encoding). Only functions whose
    /// parameters and results are all `int`/`bool` can be called. A wrong name or number
    /// of arguments (see [`check_call`](Self::check_call) for the typed error) is
    /// reported as [`RunError::Setup`] without running anything.
    pub fn call(
        &self,
        func: &str,
        args: &[i64],
        stack: &StackConfig,
        out: &mut dyn Write,
    ) -> Result<Vec<i64>, RunError> {
        if let Err(e) = self.check_call(func, args.len()) {
            return Err(RunError::Setup(e.to_string()));
        }
        let e = self.jit.entries[func];
        let mut results = vec![0i64; e.results];
        let _g = self.run_lock.lock().unwrap_or_else(|p| p.into_inner());
        // SAFETY: we hold the run lock.
        unsafe { self.jit.reset_globals() };
        self.check_strategy(stack)?;
        // SAFETY: `e.entry` is this program's entry trampoline for a function of `e.params`
        // arguments and `e.results` results (checked above), compiled with this strategy's
        // code kind and kept mapped, with its stack maps registered, while `self` lives.
        unsafe {
            morestack_runtime::run(&self.with_reserve(stack), e.entry, args, &mut results, out)?
        };
        Ok(results)
    }

    /// As [`call`](Self::call), but also returns what the runtime did (the statistics are
    /// all zero when nothing ran).
    pub fn call_with_stats(
        &self,
        func: &str,
        args: &[i64],
        stack: &StackConfig,
        out: &mut dyn Write,
    ) -> (RunStats, Result<Vec<i64>, RunError>) {
        if let Err(e) = self.check_call(func, args.len()) {
            return (RunStats::default(), Err(RunError::Setup(e.to_string())));
        }
        let e = self.jit.entries[func];
        let mut results = vec![0i64; e.results];
        let _g = self.run_lock.lock().unwrap_or_else(|p| p.into_inner());
        // SAFETY: we hold the run lock.
        unsafe { self.jit.reset_globals() };
        if let Err(e) = self.check_strategy(stack) {
            return (RunStats::default(), Err(e));
        }
        // SAFETY: `e.entry` is this program's entry trampoline for a function of `e.params`
        // arguments and `e.results` results (checked above), compiled with this strategy's
        // code kind and kept mapped, with its stack maps registered, while `self` lives.
        let (stats, r) = unsafe {
            morestack_runtime::run_with_stats(
                &self.with_reserve(stack),
                e.entry,
                args,
                &mut results,
                out,
            )
        };
        (stats, r.map(|()| results))
    }

    /// Bytes of machine code generated for the program's functions.
    pub fn code_size(&self) -> usize {
        self.jit.code_size
    }
}

/// Stack size of the thread the compiler runs on. The parser, the checker, the code
/// generator and the destructors of the trees recurse over the program's nesting (up to
/// the parser's `MAX_DEPTH`, 1000 levels) and along its chains (up to `MAX_CHAIN`, 10 000
/// operators or `else if`s), which in an unoptimized build needs far more than the 2 MiB
/// a spawned thread gets by default; only the pages used are touched (tests in
/// `check::tests` run both limits in the build they are compiled in).
const COMPILER_STACK: usize = 256 << 20;

/// Runs `f` on a thread of its own with a [`COMPILER_STACK`]-byte stack, so that compiling
/// does not depend on the caller's stack size (or on the current thread if no thread can
/// be created).
fn on_compiler_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let mut f = Some(f);
    let r = std::thread::scope(|s| {
        let spawned = std::thread::Builder::new()
            .name("morestack-compiler".to_string())
            .stack_size(COMPILER_STACK)
            .spawn_scoped(s, || f.take().map(|f| f()));
        match spawned {
            Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            Err(_) => None,
        }
    });
    match r {
        Some(v) => v,
        None => (f.take().expect("not run"))(),
    }
}

/// Parses and checks `source` (named `filename` in messages).
fn front_end(filename: &str, source: &str) -> Result<hir::Program, CompileError> {
    let mut prog = check::check_program(filename, source).map_err(|diagnostics| CompileError {
        diagnostics,
        codegen: None,
        filename: filename.to_string(),
        source: source.to_string(),
    })?;
    codegen::constprop::run(&mut prog);
    codegen::forward::run(&mut prog);
    Ok(prog)
}

/// Checks `source` without generating code: `Ok` when it is a valid program of the
/// language.
pub fn check(filename: &str, source: &str) -> Result<(), CompileError> {
    on_compiler_stack(|| {
        let prog = front_end(filename, source)?;
        codegen::Layout::new(&prog).map_err(|e| CompileError::from_codegen(filename, source, e))?;
        Ok(())
    })
}

/// Compiles `source` (named `filename` in messages) to native code for the host.
pub fn compile(
    filename: &str,
    source: &str,
    opts: &CompileOptions,
) -> Result<Compiled, CompileError> {
    on_compiler_stack(|| {
        let prog = front_end(filename, source)?;
        compile_checked(&prog, opts).map_err(|e| CompileError::from_codegen(filename, source, e))
    })
}

/// Compiles an already checked program (as [`compile`] does after the front end).
pub fn compile_program(
    prog: &hir::Program,
    opts: &CompileOptions,
) -> Result<Compiled, codegen::CodegenError> {
    on_compiler_stack(|| compile_checked(prog, opts))
}

fn compile_checked(
    prog: &hir::Program,
    opts: &CompileOptions,
) -> Result<Compiled, codegen::CodegenError> {
    let jit = jit::compile(prog, &codegen_options(opts))?;
    let main_name = prog.funcs[prog.main.0 as usize].name.clone();
    if !jit.entries.contains_key(&main_name) {
        return Err(codegen::CodegenError::new(
            prog.funcs[prog.main.0 as usize].pos,
            "main has no entry point",
        ));
    }
    Ok(Compiled {
        jit,
        main_name,
        run_lock: Mutex::new(()),
        relocatable: opts.relocatable,
    })
}

fn codegen_options(opts: &CompileOptions) -> codegen::Options {
    codegen::Options {
        stack_check: opts.stack_check,
        relocatable: opts.relocatable,
        skip_reloc_pass: opts.skip_reloc_pass,
        aot: false,
    }
}

/// Compiles `source` ahead of time for `target`: an ELF object file for
/// [`aot::link`], which makes it a static executable that runs the program as `run`
/// says (see [`aot`]). `opts` must suit `run`'s strategy (relocatable code for copying).
pub fn compile_object(
    filename: &str,
    source: &str,
    opts: &CompileOptions,
    target: Target,
    run: &aot::RunConfig,
) -> Result<Vec<u8>, CompileError> {
    on_compiler_stack(|| {
        let prog = front_end(filename, source)?;
        let opts = codegen::Options {
            aot: true,
            ..codegen_options(opts)
        };
        aot::object(&prog, &opts, target, run)
            .map_err(|e| CompileError::from_codegen(filename, source, e))
    })
}

/// The Cranelift IR of every function of the program as compiled with `opts` for
/// `target` (checking entries and bodies included; then `main`'s entry trampoline).
pub fn emit_clif(
    filename: &str,
    source: &str,
    target: Target,
    opts: &CompileOptions,
) -> Result<String, CompileError> {
    on_compiler_stack(|| {
        let prog = front_end(filename, source)?;
        codegen::emit_clif(&prog, &codegen_options(opts), Some(target))
            .map_err(|e| CompileError::from_codegen(filename, source, e))
    })
}

/// The disassembled machine code of every function as compiled with `opts` for `target`
/// (either target can be produced on either host).
pub fn emit_asm(
    filename: &str,
    source: &str,
    target: Target,
    opts: &CompileOptions,
) -> Result<String, CompileError> {
    on_compiler_stack(|| {
        let prog = front_end(filename, source)?;
        codegen::emit_asm(&prog, &codegen_options(opts), target)
            .map_err(|e| CompileError::from_codegen(filename, source, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    fn cfg() -> StackConfig {
        StackConfig::fixed(1 << 30)
    }

    #[test]
    fn sample_on_runtime() {
        let p = codegen::tests::sample();
        let c = compile_program(&p, &CompileOptions::default()).unwrap();
        let mut out = Vec::new();
        c.run_main(&cfg(), &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "eq 0\n6765\n");
        let mut out = Vec::new();
        assert_eq!(c.call("fib", &[25], &cfg(), &mut out), Ok(vec![75025]));
        assert!(c.check_call("fib", 2).is_err());
        assert!(c.check_call("nope", 0).is_err());
        assert!(c.call("nope", &[], &cfg(), &mut out).is_err());
        // Deep recursion overflows a small stack cleanly.
        let small = StackConfig::fixed(64 << 10);
        assert_eq!(
            c.call("fib", &[100_000_000], &small, &mut out),
            Err(RunError::StackOverflow { limit: 64 << 10 })
        );
    }

    /// Every run starts from zeroed globals, also when they are too big to be reset by
    /// writing zeros (fresh pages are mapped over them instead), and a global of 1 GiB
    /// that a run barely touches is fine (it is not resident).
    #[test]
    fn big_globals_start_zeroed_on_every_run() {
        let src = "package main\n\nvar h [3]int\nvar g [1<<27 - 3]int\n\n\
                   func main() {\n\tg[5]++\n\tg[len(g)-1] += 2\n\th[1]++\n\
                   \tprintln(g[5], g[len(g)-1], h[1], g[6])\n}\n";
        let c = compile("g.go", src, &CompileOptions::default()).unwrap();
        for _ in 0..3 {
            let mut out = Vec::new();
            c.run_main(&cfg(), &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), "1 2 1 0\n");
        }
    }

    /// Cranelift panicked on more than 64 KiB of stack arguments (`ret imm16`): the
    /// compiler refuses such a function at its position (pointer parameters: `int`s go
    /// through the parameter block, any number of them), and takes one just below.
    #[test]
    fn too_many_parameters_is_an_error_not_a_panic() {
        let src = |n: usize, ty: &str, arg: &str, use_: &str| {
            let ps: Vec<String> = (0..n).map(|k| format!("p{k}")).collect();
            let args: Vec<String> = (0..n).map(|k| arg.replace('K', &k.to_string())).collect();
            format!(
                "package main\n\nfunc f({} {ty}) int {{\n\treturn {use_}p0 + {use_}p{}\n}}\n\n\
                 func main() {{\n\tx := 1\n\tprintln(f({}), x)\n}}\n",
                ps.join(", "),
                n - 1,
                args.join(", ")
            )
        };
        let opts = CompileOptions::for_strategy(Strategy::Fixed);
        let Err(e) = compile("p.go", &src(8200, "*int", "&x", "*"), &opts) else {
            panic!("8 200 pointer parameters accepted");
        };
        let msg = e.render();
        assert!(
            msg.starts_with("p.go:3:6: too many pointer and array parameters"),
            "{msg}"
        );
        for (n, ty, arg, use_, want) in [
            (8000, "*int", "&x", "*", "2 1\n"),
            (20_000, "int", "K", "", "19999 1\n"),
        ] {
            let c = compile("p.go", &src(n, ty, arg, use_), &opts).unwrap();
            let mut out = Vec::new();
            c.run_main(&cfg(), &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
    }

    #[test]
    fn arithmetic_and_run_time_panics() {
        use check::hir::BinOp::*;
        let min = i64::MIN;
        type Case = (hir::BinOp, Option<i64>, i64, i64, Result<i64, &'static str>);
        let cases: &[Case] = &[
            (Div, None, 7, 2, Ok(3)),
            (Div, None, -7, 2, Ok(-3)),
            (Rem, None, -7, 2, Ok(-1)),
            (Div, None, min, -1, Ok(min)),
            (Rem, None, min, -1, Ok(0)),
            (Div, Some(-1), min, 0, Ok(min)),
            (Rem, Some(1000003), -5, 0, Ok(-5)),
            (
                Div,
                None,
                1,
                0,
                Err("runtime error: integer divide by zero"),
            ),
            (
                Rem,
                None,
                1,
                0,
                Err("runtime error: integer divide by zero"),
            ),
            (Shl, None, 1, 63, Ok(min)),
            (Shl, None, 1, 64, Ok(0)),
            (Shl, None, 1, i64::MAX, Ok(0)),
            (Shr, None, -8, 1, Ok(-4)),
            (Shr, None, -8, 64, Ok(-1)),
            (Shr, None, 8, 200, Ok(0)),
            (
                Shr,
                None,
                8,
                -1,
                Err("runtime error: negative shift amount"),
            ),
            (Shl, Some(70), 3, 0, Ok(0)),
            (Shr, Some(70), -3, 0, Ok(-1)),
            (AndNot, None, 0b1110, 0b0110, Ok(0b1000)),
        ];
        let mut out = Vec::new();
        for &(op, c, x, y, ref want) in cases {
            let p = codegen::tests::binop_prog(op, c);
            let comp = compile_program(&p, &CompileOptions::default()).unwrap();
            let got = comp.call("f", &[x, y], &cfg(), &mut out);
            match want {
                Ok(v) => assert_eq!(got, Ok(vec![*v]), "{op:?} {c:?} {x} {y}"),
                Err(m) => assert_eq!(got, Err(RunError::Panic(m.to_string())), "{op:?} {x} {y}"),
            }
        }
        let p = codegen::tests::binop_prog(Add, None);
        let comp = compile_program(&p, &CompileOptions::default()).unwrap();
        assert_eq!(comp.call("idx", &[2], &cfg(), &mut out), Ok(vec![0]));
        assert_eq!(
            comp.call("idx", &[3], &cfg(), &mut out),
            Err(RunError::Panic(
                "runtime error: index out of range [3] with length 3".into()
            ))
        );
        assert_eq!(
            comp.call("idx", &[-1], &cfg(), &mut out),
            Err(RunError::Panic(
                "runtime error: index out of range [-1]".into()
            ))
        );
    }

    /// Bool results through the result area (more than four results) reach the caller
    /// as whole words, next to a 1-byte address-taken bool parameter and a global bool
    /// array. (Go prints `false false false 7 false` and `true false false 7 true` for
    /// these two calls.)
    #[test]
    fn bool_results_through_the_result_area() {
        let src = "package main

var g [3]bool
var n int = 7

func five(a bool, b int) (bool, bool, bool, int, bool) {
	p := &a
	*p = !*p
	g[b%3] = a
	return a, g[0], g[1], n, g[2]
}

func main() {}
";
        for strategy in [Strategy::Fixed, Strategy::Copying] {
            let c = compile("five.go", src, &CompileOptions::for_strategy(strategy)).unwrap();
            let cfg = match strategy {
                Strategy::Copying => StackConfig::copying(8 << 10, 1 << 30, false),
                _ => cfg(),
            };
            let mut out = Vec::new();
            assert_eq!(
                c.call("five", &[1, 4], &cfg, &mut out),
                Ok(vec![0, 0, 0, 7, 0])
            );
            assert_eq!(
                c.call("five", &[0, 5], &cfg, &mut out),
                Ok(vec![1, 0, 0, 7, 1])
            );
        }
    }

    #[test]
    fn compiled_is_send_sync() {
        assert_send_sync::<Compiled>();
        assert_send_sync::<CompileError>();
    }
}

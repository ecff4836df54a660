//! morestack-runtime: the run-time half of morestack's stack ABI.
//!
//! INTERFACE SKETCH (to be replaced by the real module docs): the items below are the
//! contract the code generator in the root crate relies on. Bodies are filled in by the
//! runtime work; names, `#[repr(C)]` layouts and signatures change only together with
//! the code generator.

use std::io::Write;

/// Per-thread (later per-goroutine) context. Generated code keeps its address in
/// Cranelift's pinned register (r15 on x86-64, x21 on AArch64).
#[repr(C)]
pub struct Context {
    /// Offset 0: the stack guard. The prologue of every generated function takes the cold
    /// path when `sp < stack_guard`.
    pub stack_guard: usize,
    /// Offset 8: address of the morestack stub. The cold block does
    /// `return_call_indirect` to it with the function's own signature.
    pub morestack: usize,
    /// Offset 16: written by the cold block: address of the function to restart.
    pub ms_func: usize,
    /// Offset 24: written by the cold block: bytes of stack the function needs
    /// (`fp - sp + frame record`, measured in the cold block).
    pub ms_frame: usize,
    /// Offset 32: written by the cold block: bytes of stack-passed arguments.
    pub ms_argbytes: usize,
    /// Offset 40: written by the cold block: bit i set when argument i is a pointer.
    pub ms_ptrmask: usize,
}

/// Byte offsets of the [`Context`] fields that generated code reads or writes.
pub mod offsets {
    /// [`super::Context::stack_guard`].
    pub const STACK_GUARD: i32 = 0;
    /// [`super::Context::morestack`].
    pub const MORESTACK: i32 = 8;
    /// [`super::Context::ms_func`].
    pub const MS_FUNC: i32 = 16;
    /// [`super::Context::ms_frame`].
    pub const MS_FRAME: i32 = 24;
    /// [`super::Context::ms_argbytes`].
    pub const MS_ARGBYTES: i32 = 32;
    /// [`super::Context::ms_ptrmask`].
    pub const MS_PTRMASK: i32 = 40;
}

/// The entry trampoline the compiler generates for a function it wants to run: a SysV
/// (`extern "C"`) function that sets the pinned register to `ctx`, loads the target's
/// integer arguments from `args`, calls the target (Tail convention) and stores its
/// results into `results`. The runtime calls it on the program's stack.
pub type EntryFn = unsafe extern "C" fn(ctx: *mut Context, args: *const i64, results: *mut i64);

/// A host function: runs on the thread's system stack, called through the host-call thunk
/// ([`hostcall_thunk`]), which passes the context taken from the pinned register.
pub type HostFn = unsafe extern "C" fn(ctx: *mut Context, a: i64, b: i64, c: i64) -> i64;

/// Which stack strategy to run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// One large reservation; reaching its guard is a stack overflow.
    Fixed,
}

/// How to set up the program's stack.
#[derive(Clone, Debug)]
pub struct StackConfig {
    /// The strategy.
    pub strategy: Strategy,
    /// Maximum stack size in bytes (the fixed strategy reserves this much).
    pub stack_max: usize,
}

/// Why a run ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunError {
    /// A Go panic; the text after `panic: ` (e.g. `runtime error: integer divide by zero`).
    Panic(String),
    /// The stack would have grown past `limit` bytes.
    StackOverflow {
        /// The configured maximum.
        limit: usize,
    },
}

/// Codes passed as `a` to [`host::panic`].
pub mod panic_code {
    /// `runtime error: integer divide by zero`.
    pub const DIVIDE: i64 = 1;
    /// `runtime error: index out of range [b] with length c` (or `[b]` when b < 0).
    pub const INDEX: i64 = 2;
    /// `runtime error: negative shift amount`.
    pub const NEGATIVE_SHIFT: i64 = 3;
    /// `runtime error: invalid memory address or nil pointer dereference`.
    pub const NIL: i64 = 4;
    /// `panic(b)` with an int value.
    pub const INT: i64 = 5;
    /// `panic(b)` with a bool value.
    pub const BOOL: i64 = 6;
    /// `panic("...")`: b is the address of the bytes, c their length.
    pub const STR: i64 = 7;
}

/// Host functions, called by generated code through [`hostcall_thunk`] (so they run on
/// the system stack). Print functions write to the run's output sink.
pub mod host {
    use super::Context;

    /// `print` of one int, in decimal.
    ///
    /// # Safety
    /// `ctx` is the context of a running program (called through the thunk).
    pub unsafe extern "C" fn print_int(ctx: *mut Context, v: i64, _b: i64, _c: i64) -> i64 {
        let _ = (ctx, v);
        unimplemented!()
    }

    /// `print` of one bool (`v` is 0 or 1).
    ///
    /// # Safety
    /// As [`print_int`].
    pub unsafe extern "C" fn print_bool(ctx: *mut Context, v: i64, _b: i64, _c: i64) -> i64 {
        let _ = (ctx, v);
        unimplemented!()
    }

    /// `print` of `len` bytes at `ptr` (a string literal, or `" "`/`"\n"`).
    ///
    /// # Safety
    /// As [`print_int`]; `ptr..ptr+len` is readable.
    pub unsafe extern "C" fn print_str(ctx: *mut Context, ptr: i64, len: i64, _c: i64) -> i64 {
        let _ = (ctx, ptr, len);
        unimplemented!()
    }

    /// A panic ([`super::panic_code`] says which): ends the run with
    /// [`super::RunError::Panic`]. Never returns.
    ///
    /// # Safety
    /// As [`print_int`].
    pub unsafe extern "C" fn panic(ctx: *mut Context, code: i64, b: i64, c: i64) -> i64 {
        let _ = (ctx, code, b, c);
        unimplemented!()
    }
}

/// Address of the host-call thunk, a SysV function `thunk(f: HostFn, a, b, c) -> i64`
/// that switches from the program's stack to the thread's system stack (found through
/// the pinned register), calls `f(ctx, a, b, c)` there, switches back and returns its
/// result.
pub fn hostcall_thunk() -> usize {
    unimplemented!()
}

/// What the runtime did during a run (printed by `--stats`).
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// Bytes reserved for the program's stack.
    pub stack_reserved: usize,
    /// Deepest stack use seen (bytes), where the strategy can tell.
    pub peak_stack: usize,
}

/// Runs `entry` (the compiler's entry trampoline) on a new stack set up as `cfg` says, on
/// the calling thread: `args` are passed to it, `results` receive the target's results,
/// and everything the program prints goes to `out`.
pub fn run(
    cfg: &StackConfig,
    entry: EntryFn,
    args: &[i64],
    results: &mut [i64],
    out: &mut dyn Write,
) -> Result<RunStats, RunError> {
    let _ = (cfg, entry, args, results, out);
    unimplemented!()
}

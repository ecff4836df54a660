//! Code generation: checked program ([`crate::check::hir`]) to Cranelift IR, the
//! stack-check prologue ([`prologue`]) and the entry trampolines.
//!
//! # Files
//!
//! Code generation has two halves. The **Go half** turns the checked program into
//! Cranelift IR:
//!
//! - [`constprop`] and [`forward`]: rewrites of the checked program before lowering
//!   (see "Before lowering" below).
//! - [`analysis`]: facts about functions that the lowering uses to keep frames small
//!   (used locals, arrays replaced by scalars, deferred locals, inlining, leaves).
//! - [`lower`]: one function to Cranelift IR; a directory split by concern
//!   (statements, expressions, calls, memory, run-time checks: see its file list).
//!
//! The **stack-ABI half** makes the code run on small stacks that grow on demand, and
//! callable from Rust; [`prologue`] and [`reloc`] know nothing of Go and live in the
//! embedding crate `morestack-cranelift` (embed/), re-exported here:
//!
//! - [`prologue`]: the stack-check prologue every function starts with, and the
//!   checking entries that check for a function's body before its frame is written.
//! - [`reloc`]: stack maps of relocatable code (the copying strategy).
//! - [`machine`]: IR to machine code, each function's pre-check depth measured from
//!   Cranelift's output, which functions get a checking entry (frames too large for a
//!   check after the prologue), and the program's stack reserve.
//! - [`trampoline`]: the entry trampolines through which Rust calls generated functions,
//!   and the goroutine trampolines through which `go f(...)` starts `f`
//!   ([`trampoline::go_trampoline`], argument block [`trampoline::go_args`]).
//!
//! This file holds what both halves share: targets and options, the calling convention
//! and memory layout below ([`FuncAbi`], [`Layout`]), and whole-program compilation for
//! `emit`.
//!
//! # Calling convention of generated functions
//!
//! Every Go function becomes a Cranelift function with [`CallConv::Tail`] whose parameters
//! and results are all `i64`:
//!
//! - `int` and `bool` (0 or 1) values are `i64`; pointers are addresses (`i64`).
//! - **Arrays are passed by hidden pointer to a caller copy.** The caller evaluates an
//!   array argument into a fresh temporary in its own frame and passes its address; the
//!   callee owns that copy and uses it as the parameter's storage (so `&param` points into
//!   the caller's frame, which outlives the call).
//! - **Results** are returned in registers when there are at most
//!   [`MAX_REG_RESULTS`] of them and none is an array. Otherwise the caller passes, as the
//!   hidden *first* parameter, the address of a result area in its frame; the callee
//!   stores every result there and returns nothing. In the area every result starts at a
//!   multiple of 8 bytes ([`FuncAbi::result_offsets`]); a scalar result (`bool` too)
//!   is a whole 8-byte word holding its `i64` register value, an array result is stored
//!   inline in its memory layout (below); the area's size is a multiple of 8. The area
//!   is memory nothing else reads or writes during the call, and the callee may use it
//!   throughout: an array result variable (named or not) *lives* there, so the callee
//!   builds it in place and `return` copies nothing. A caller therefore passes, instead
//!   of a fresh temporary, the destination itself when it can: `x = f(...)` with `x` a
//!   local array whose address is never taken, and `return f(...)` where `f`'s results
//!   are exactly the caller's (the caller's own area).
//! - **Many parameters go through memory.** A function with more than
//!   [`MAX_CL_PARAMS`] Cranelift parameters (the hidden result area included) takes its
//!   `int` and `bool` parameters in a *parameter block*: the caller evaluates each such
//!   argument into the 8-byte word at `8 * i` (`i` its parameter index) of a fresh
//!   temporary in its frame as soon as it is evaluated, and passes the block's address
//!   as a hidden parameter (after the result area's); pointer and array parameters stay
//!   Cranelift parameters (a stack move relocates pointers in registers, argument slots
//!   and stack maps, not in frame memory). So no call keeps thousands of values live at
//!   once (regalloc2's allocation of spilled values is quadratic in their number: 8 000
//!   arguments took 1.6 s to compile), and an entry trampoline passes its argument array
//!   itself as the block. The block is memory nothing writes during the call; the callee
//!   reads such a parameter where it uses it (loads it at entry if it assigns it).
//! - **Stack-passed parameters.** The `Tail` convention passes six integer parameters in
//!   registers on both targets; the rest sit in 8-byte slots just above the callee's
//!   frame record ([`prologue::tail_stack_arg_offset`]). An `int` or `bool` parameter
//!   there that the function never assigns is read from its slot where it is used, as Go
//!   reads its arguments from its caller's frame, instead of being loaded into a
//!   register at entry (which, for a function with many parameters, costs spill slots in
//!   its own frame). Pointer parameters are always loaded at entry: a stack move
//!   relocates the pointers this frame holds (its stack maps), not its argument slots.
//!
//! # Before lowering
//!
//! The front end's output goes through two rewrites of the checked program first:
//! [`constprop`] (reads of `int`/`bool` locals known to hold a constant become that
//! constant) and [`forward`] (a read of a local array element right after a store to
//! the same element takes the stored value; arrays nothing reads go). Both only remove
//! work Go's own SSA passes remove, so that frames stay as small as Go's.
//!
//! # Memory layout of values
//!
//! As in Go (on 64-bit targets), see [`type_size`] and [`type_align`]:
//!
//! | Type | Size | Alignment | Access |
//! |---|---|---|---|
//! | `int`, `*T` | 8 | 8 | `load.i64` / `store` |
//! | `bool` | 1 (0 or 1) | 1 | `uload8` (zero-extends to the `i64` 0/1) / `ireduce.i8` + `store` (= `istore8`, truncates) |
//! | `[N]T` | `N * size(T)` | `align(T)` | elements in order, no padding |
//!
//! So `[3]bool` is 3 bytes, `[4][3]bool` 12 bytes, `[2]int` 16 bytes; since there are no
//! structs and arrays never hold pointers, an array is either all `int` (a multiple of 8
//! bytes, 8-aligned) or all `bool` (any size, 1-aligned, no padding inside, every byte 0
//! or 1, so two bool arrays are equal exactly when their bytes are). This holds
//! everywhere a value is in memory: locals whose address is taken (`&b` of a `bool` is a
//! 1-byte slot), array locals and parameters (the caller's copy), elements reached
//! through pointers (`*p`, `p[i]`, `&a[i]`), globals and array results.
//!
//! - **Frame objects** (locals in memory and statement temporaries) are packed into one
//!   stack slot per function (aligned to 16), each at an offset aligned according to
//!   its size: 16 from 16 bytes up, 8 for multiples of 8, else 1 (only pure `bool`
//!   objects have such sizes), so every object is at least as aligned as its type (see
//!   `lower`). Local arrays used only through constant indices take no memory at all
//!   ([`analysis`]).
//! - **Globals** are laid out in declaration order, each at a multiple of its type's
//!   alignment ([`Layout::global_offsets`]), in one data object aligned to 16.
//! - **Block operations** (zeroing, copying, `==`/`!=` of arrays) work on 16-byte chunks
//!   (8-byte words for `==`) and finish an odd tail with at most two narrower or
//!   overlapping accesses that stay inside the object (see `lower::memory::chunks`); accesses
//!   wider than the type's alignment are not marked `aligned`.
//!
//! Channels are `i64` handles (0 is nil) held like `int`s: 8 bytes, never stack
//! addresses. The goroutine stage's nodes are host calls of the runtime's goroutine
//! functions ([`GoHostAddrs`]; see `lower`'s `goroutine` file and `docs/DESIGN.md`).
//!
//! Run-time errors call `morestack_runtime::host::panic` through the host-call thunk; no
//! Cranelift trap ever executes (a `trap` only follows a host call that never returns).
//! Globals live in one zeroed, writable data object (`globals`, namespace 1 index 0),
//! addressed as a non-colocated symbol: the JIT maps it apart from the code, so that
//! untouched pages of big globals cost no memory (`src/jit.rs`).
//! String literals are leaked into a [`Strings`] pool kept alive with the compiled code.

pub mod analysis;
pub mod constprop;
pub mod forward;
pub mod lower;
pub mod machine;
pub mod phis;
pub use morestack_cranelift::{prologue, reloc};
pub mod trampoline;

use crate::check::hir::{FuncId, Pos, Program, Type};
use cranelift_codegen::ir::{types, AbiParam, Signature, UserFuncName};
use cranelift_codegen::isa::{self, CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use std::fmt;

/// At most this many scalar results are returned in registers.
pub const MAX_REG_RESULTS: usize = 4;

/// A code-generation target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// x86-64 (System V).
    X86_64,
    /// AArch64 (AAPCS64).
    Aarch64,
}

impl Target {
    /// The target of the running process, if supported.
    pub fn host() -> Option<Target> {
        if cfg!(target_arch = "x86_64") {
            Some(Target::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Target::Aarch64)
        } else {
            None
        }
    }

    fn triple(self) -> &'static str {
        match self {
            Target::X86_64 => "x86_64-unknown-linux-gnu",
            Target::Aarch64 => "aarch64-unknown-linux-gnu",
        }
    }
}

/// Code-generation options.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Emit the stack-check prologue in every function.
    pub stack_check: bool,
    /// Relocatable code for the copying strategy: optimized, then made relocatable
    /// ([`reloc`]: no stack address stays in a register across a call), then lowered with
    /// an `opt_level=none` ISA so that nothing is optimized again.
    pub relocatable: bool,
    /// Debugging only: compile relocatable code without the relocation pass (optimized,
    /// with no stack maps). Unsound (the optimizer hazard of docs/DESIGN.md): exists only
    /// so that a test can show the pass is needed.
    pub skip_reloc_pass: bool,
    /// Code for an object file (`morestack build`) rather than for this process: it
    /// embeds no address of this process. Host functions are called through the table
    /// `morestack_host_table` (filled at start-up in the order of
    /// `morestack_runtime::host::table`) and string literals are in the data object
    /// `morestack_strings`; see `src/aot.rs`.
    pub aot: bool,
}

impl Options {
    /// The prologue on, not relocatable.
    pub const DEFAULT: Options = Options {
        stack_check: true,
        relocatable: false,
        skip_reloc_pass: false,
        aot: false,
    };
}

/// An error found while generating code (something the back end does not support, or an
/// internal error), reported at a source position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodegenError {
    /// Where.
    pub pos: Pos,
    /// What.
    pub message: String,
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.col, self.message)
    }
}

impl CodegenError {
    pub(crate) fn new(pos: Pos, message: impl Into<String>) -> Self {
        CodegenError {
            pos,
            message: message.into(),
        }
    }
}

/// Builds the Cranelift ISA with morestack's settings (see `docs/DESIGN.md`): pinned register,
/// frame pointers, no probestack, non-PIC, `opt_level=speed`. `None` means the host.
pub fn make_isa(target: Option<Target>) -> Result<OwnedTargetIsa, String> {
    make_isa_for(target, &Options::DEFAULT)
}

/// As [`make_isa`], at `opt_level=none` for relocatable code: [`machine::compile_ir`]
/// runs the optimizer itself before the relocation pass (see [`reloc`]), and compiling
/// must not optimize again.
pub fn make_isa_for(target: Option<Target>, opts: &Options) -> Result<OwnedTargetIsa, String> {
    let mut fb = settings::builder();
    let set = |fb: &mut settings::Builder, k: &str, v: &str| {
        fb.set(k, v)
            .map_err(|e| format!("cranelift setting {k}={v}: {e}"))
    };
    let opt = if opts.relocatable { "none" } else { "speed" };
    set(&mut fb, "opt_level", opt)?;
    set(&mut fb, "enable_pinned_reg", "true")?;
    set(&mut fb, "preserve_frame_pointers", "true")?;
    set(&mut fb, "enable_probestack", "false")?;
    set(&mut fb, "is_pic", "false")?;
    set(&mut fb, "use_colocated_libcalls", "false")?;
    let flags = settings::Flags::new(fb);
    let builder = match target {
        None => cranelift_native::builder().map_err(|e| format!("host ISA: {e}"))?,
        Some(t) => {
            let triple: target_lexicon::Triple = t.triple().parse().map_err(|e| format!("{e}"))?;
            isa::lookup(triple).map_err(|e| format!("ISA {}: {e}", t.triple()))?
        }
    };
    builder
        .finish(flags)
        .map_err(|e| format!("building the ISA: {e}"))
}

/// Size in bytes of a value of `ty` in memory: `bool` 1, `int` and pointers 8, `[N]T`
/// `N * type_size(T)` (see the module docs).
pub fn type_size(ty: &Type) -> u64 {
    match ty {
        Type::Bool => 1,
        Type::Array(n, elem) => n.saturating_mul(type_size(elem)),
        Type::Int | Type::Pointer(_) | Type::Chan(_) => 8,
    }
}

/// Alignment in bytes of a value of `ty` in memory: 1 for `bool` and arrays of `bool`
/// (of any depth), 8 for everything else.
pub fn type_align(ty: &Type) -> u64 {
    match ty {
        Type::Bool => 1,
        Type::Array(_, elem) => type_align(elem),
        Type::Int | Type::Pointer(_) | Type::Chan(_) => 8,
    }
}

/// `x` rounded up to a multiple of `align` (a power of two).
fn align_up(x: u64, align: u64) -> u64 {
    x.saturating_add(align - 1) & !(align - 1)
}

/// Largest array or frame object the back end accepts (bytes).
pub const MAX_OBJECT: u64 = 1 << 30;

/// Go's linker limit on one symbol (a package-level variable): 2 000 000 000 bytes.
pub const MAX_SYMBOL: u64 = 2_000_000_000;

/// Most bytes of package-level variables together (address space reserved for them).
pub const MAX_GLOBALS: u64 = 1 << 40;

/// The most bytes of stack-passed arguments a function may take.
pub const MAX_ARG_BYTES: u64 = 65535;

/// A function with more Cranelift parameters than this passes its `int` and `bool`
/// parameters in a parameter block (see the module docs).
pub const MAX_CL_PARAMS: usize = 64;

/// Where a function receives one of its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamLoc {
    /// As this Cranelift parameter.
    Cl(u32),
    /// As the 8-byte word at this offset of the parameter block.
    Block(u32),
}

/// How one function is called.
#[derive(Clone, Debug)]
pub struct FuncAbi {
    /// The Cranelift signature (`Tail`).
    pub sig: Signature,
    /// Whether the results come back in registers (else through a hidden result area
    /// passed as the first parameter).
    pub ret_in_regs: bool,
    /// Offsets of each result in the result area (when `!ret_in_regs`): multiples of 8;
    /// a scalar takes an 8-byte word, an array [`type_size`] bytes.
    pub result_offsets: Vec<u64>,
    /// Size of the result area in bytes (when `!ret_in_regs`), a multiple of 8.
    pub result_area_size: u64,
    /// Where each parameter (of the source) is passed.
    pub params: Vec<ParamLoc>,
    /// The Cranelift parameter holding the parameter block's address, when there is one
    /// (more than [`MAX_CL_PARAMS`] parameters): its size is 8 bytes per parameter.
    pub block: Option<u32>,
    /// Bytes of stack-passed arguments.
    pub argbytes: u64,
    /// Bit i set when Cranelift parameter i is an address into the stack (pointer, array
    /// by reference, result area, parameter block); with more than 64 parameters it is
    /// [`morestack_runtime::PTRMASK_WIDE`] and the runtime finds [`FuncAbi::ptr_params`]
    /// in its registry (the JIT registers them).
    pub ptrmask: u64,
    /// Indices of the Cranelift parameters that are addresses into the stack.
    pub ptr_params: Vec<u32>,
}

impl FuncAbi {
    /// Computes the ABI of a function with these parameter and result types.
    pub fn new(params: &[Type], results: &[Type]) -> FuncAbi {
        let ret_in_regs = results.len() <= MAX_REG_RESULTS && !results.iter().any(Type::is_array);
        let mut sig = Signature::new(CallConv::Tail);
        let mut ptr_params = Vec::new();
        let mut result_offsets = Vec::new();
        let mut result_area_size = 0u64;
        let mut address_param = |sig: &mut Signature| {
            ptr_params.push(sig.params.len() as u32);
            sig.params.push(AbiParam::new(types::I64));
            sig.params.len() as u32 - 1
        };
        if !ret_in_regs {
            address_param(&mut sig);
            for r in results {
                let size = if r.is_array() { type_size(r) } else { 8 };
                result_offsets.push(result_area_size);
                result_area_size = align_up(result_area_size.saturating_add(size), 8);
            }
        } else {
            for _ in results {
                sig.returns.push(AbiParam::new(types::I64));
            }
        }
        let block =
            (sig.params.len() + params.len() > MAX_CL_PARAMS).then(|| address_param(&mut sig));
        let mut locs = Vec::with_capacity(params.len());
        for (i, p) in params.iter().enumerate() {
            if p.is_pointer() || p.is_array() {
                locs.push(ParamLoc::Cl(address_param(&mut sig)));
            } else if block.is_some() {
                locs.push(ParamLoc::Block(8 * i as u32));
            } else {
                locs.push(ParamLoc::Cl(sig.params.len() as u32));
                sig.params.push(AbiParam::new(types::I64));
            }
        }
        let ptrmask = if sig.params.len() > 64 {
            morestack_runtime::PTRMASK_WIDE
        } else {
            ptr_params.iter().fold(0u64, |m, &i| m | 1 << i)
        };
        let argbytes = prologue::tail_stack_arg_bytes(sig.params.len());
        FuncAbi {
            sig,
            ret_in_regs,
            result_offsets,
            result_area_size,
            params: locs,
            block,
            argbytes,
            ptrmask,
            ptr_params,
        }
    }

    /// Size of the parameter block in bytes (0 without one).
    pub fn block_size(&self) -> u64 {
        if self.block.is_some() {
            8 * self.params.len() as u64
        } else {
            0
        }
    }
}

/// Layout facts shared by all functions of a program.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Every function's ABI, indexed by [`FuncId`].
    pub funcs: Vec<FuncAbi>,
    /// Offset of every global in the globals data object (a multiple of its
    /// [`type_align`]).
    pub global_offsets: Vec<u64>,
    /// Size of the globals data object (at least 8).
    pub globals_size: u64,
    /// `inline[i]`: function `i` is inlined at its call sites ([`analysis::inlinable`])
    /// (it is still compiled on its own too).
    pub inline: Vec<bool>,
    /// `globals_written[f][g]`: function `f` (or one it calls) may assign global `g`
    /// ([`analysis::globals_written`]).
    pub globals_written: Vec<Vec<bool>>,
}

impl Layout {
    /// Computes the layout of a program.
    pub fn new(prog: &Program) -> Result<Layout, CodegenError> {
        let mut funcs = Vec::with_capacity(prog.funcs.len());
        for f in &prog.funcs {
            let params: Vec<Type> = f.locals[..f.params].iter().map(|l| l.ty.clone()).collect();
            for l in &f.locals {
                check_type(&l.ty, f.pos)?;
            }
            check_frame_size(f)?;
            let abi = FuncAbi::new(&params, &f.results);
            // A `Tail` callee pops its stack arguments (`ret imm16` on x86-64): Cranelift
            // panics beyond 64 KiB of them (about 8 000 pointer or array parameters; the
            // others go through the parameter block).
            if abi.argbytes > MAX_ARG_BYTES {
                return Err(CodegenError::new(
                    f.pos,
                    format!(
                        "too many pointer and array parameters: {} bytes of them are passed on the stack, at most {MAX_ARG_BYTES} are supported",
                        abi.argbytes
                    ),
                ));
            }
            funcs.push(abi);
        }
        let mut global_offsets = Vec::new();
        let mut off = 0u64;
        for g in &prog.globals {
            // Go's linker limit on one symbol. Go 1.19 reports it at the name of the
            // file's first package-level variable, whichever is too large. (Globals are a
            // mapping of their own that costs nothing until written: no other limit.)
            let size = type_size(&g.ty);
            if size > MAX_SYMBOL {
                return Err(CodegenError::new(
                    prog.globals[0].pos,
                    format!(
                        "main.{}: symbol too large ({size} bytes > {MAX_SYMBOL} bytes)",
                        g.name
                    ),
                ));
            }
            if let Type::Array(_, e) = &g.ty {
                check_type(e, g.pos)?;
            }
            off = align_up(off, type_align(&g.ty));
            global_offsets.push(off);
            off = off.saturating_add(size);
        }
        if off > MAX_GLOBALS {
            let g = &prog.globals[global_offsets.partition_point(|&o| o <= MAX_GLOBALS) - 1];
            return Err(CodegenError::new(
                g.pos,
                format!("package-level variables are too large (over {MAX_GLOBALS} bytes)"),
            ));
        }
        Ok(Layout {
            funcs,
            global_offsets,
            globals_size: off.max(8),
            inline: analysis::inlinable(prog),
            globals_written: analysis::globals_written(prog),
        })
    }

    /// The ABI of a function.
    pub fn abi(&self, f: FuncId) -> &FuncAbi {
        &self.funcs[f.0 as usize]
    }
}

/// Go's `maxStackVarSize` (cmd/compile/internal/ir/cfg.go): a variable a program
/// declares that is larger than this lives outside the stack, as in Go (where escape
/// analysis moves it to the heap). Such a variable neither counts toward a frame's size
/// nor brings a stack closer to overflowing; see [`on_heap`].
pub const MAX_STACK_VAR: u64 = 10 << 20;

/// Whether local `l` (not a parameter or result) lives outside the stack: a variable
/// the program declares (not a compiler temporary, whose names start with `$`) of more
/// than [`MAX_STACK_VAR`] bytes.
pub fn on_heap(l: &crate::check::hir::Local) -> bool {
    l.ty.is_array() && type_size(&l.ty) > MAX_STACK_VAR && !l.name.starts_with('$')
}

/// Go's limit on a function's arguments and results: 1 GiB
/// (`maxStackSize` in cmd/compile), reported at the function's name as Go reports it.
fn check_frame_size(f: &crate::check::hir::Func) -> Result<(), CodegenError> {
    const MAX_STACK_SIZE: u64 = 1 << 30;
    let args: u64 = f.locals[..f.params]
        .iter()
        .map(|l| &l.ty)
        .chain(&f.results)
        .map(|t| align_up(type_size(t), 8))
        .fold(0, u64::saturating_add);
    let locals: u64 = f.locals[f.params + f.results.len()..]
        .iter()
        .filter(|l| !on_heap(l))
        .map(|l| align_up(type_size(&l.ty), 8))
        .fold(0, u64::saturating_add);
    // Declared locals over 10 MiB are not on the stack ([`on_heap`]).
    if args >= MAX_STACK_SIZE || locals >= MAX_STACK_SIZE {
        return Err(CodegenError::new(
            f.pos,
            format!(
                "stack frame too large (>1GB): {} MB locals + {} MB args",
                locals >> 20,
                args >> 20
            ),
        ));
    }
    Ok(())
}

fn check_type(ty: &Type, pos: Pos) -> Result<(), CodegenError> {
    match ty {
        Type::Array(..) if type_size(ty) > MAX_OBJECT => Err(CodegenError::new(
            pos,
            format!("array type too large ({} bytes)", type_size(ty)),
        )),
        Type::Array(_, e) | Type::Pointer(e) => check_type(e, pos),
        _ => Ok(()),
    }
}

/// Addresses of the runtime's host-call thunk and host functions, embedded as constants.
#[derive(Clone, Copy, Debug)]
pub struct HostAddrs {
    /// `hostcall_thunk()`.
    pub thunk: i64,
    /// `host::print_int`.
    pub print_int: i64,
    /// `host::print_bool`.
    pub print_bool: i64,
    /// `host::print_str`.
    pub print_str: i64,
    /// `host::panic`.
    pub panic: i64,
    /// `host::heap_local`.
    pub heap_local: i64,
    /// `host::heap_free`.
    pub heap_free: i64,
    /// The goroutine stage's host functions (see "Goroutines" in `lower`).
    pub go: GoHostAddrs,
}

/// Addresses of the runtime's goroutine host functions and of the in-place host-call
/// thunk (`hostcall_thunk_in_place()`, for `select` and `go_spawn`, which read a block
/// of the caller's frame), embedded as constants.
#[derive(Clone, Copy, Debug)]
pub struct GoHostAddrs {
    /// `hostcall_thunk_in_place()`.
    pub thunk_in_place: i64,
    /// `host::chan_make`.
    pub chan_make: i64,
    /// `host::chan_send`.
    pub chan_send: i64,
    /// `host::chan_recv`.
    pub chan_recv: i64,
    /// `host::chan_close`.
    pub chan_close: i64,
    /// `host::select`.
    pub select: i64,
    /// `host::go_spawn`.
    pub go_spawn: i64,
    /// `host::gosched`.
    pub gosched: i64,
    /// `host::num_goroutine`.
    pub num_goroutine: i64,
}

impl HostAddrs {
    /// The addresses in the order of `morestack_runtime::host::table` (the one place
    /// that order is written).
    pub fn from_table(t: [i64; morestack_runtime::host::TABLE_LEN]) -> HostAddrs {
        HostAddrs {
            thunk: t[0],
            print_int: t[2],
            print_bool: t[3],
            print_str: t[4],
            panic: t[5],
            heap_local: t[6],
            heap_free: t[7],
            go: GoHostAddrs {
                thunk_in_place: t[1],
                chan_make: t[8],
                chan_send: t[9],
                chan_recv: t[10],
                chan_close: t[11],
                select: t[12],
                go_spawn: t[13],
                gosched: t[14],
                num_goroutine: t[15],
            },
        }
    }

    /// The real addresses in this process.
    pub fn runtime() -> HostAddrs {
        HostAddrs::from_table(morestack_runtime::host::table().map(|a| a as i64))
    }

    /// Each address's index in the host table (for code that loads them from the table,
    /// [`Options::aot`]).
    pub fn table_indices() -> HostAddrs {
        let mut t = [0i64; morestack_runtime::host::TABLE_LEN];
        for (i, v) in t.iter_mut().enumerate() {
            *v = i as i64;
        }
        HostAddrs::from_table(t)
    }

    /// Placeholder addresses, for code that is only shown, never run.
    pub fn placeholder() -> HostAddrs {
        let mut t = [0i64; morestack_runtime::host::TABLE_LEN];
        for (i, v) in t.iter_mut().enumerate() {
            *v = 0x1000 + 0x10 * i as i64;
        }
        HostAddrs::from_table(t)
    }
}

/// String literal bytes referenced by generated code; must outlive it. In this
/// process (the JIT) each literal is a leaked box and code embeds its address; for an
/// object file ([`Options::aot`]) the literals are one blob and code refers to an offset
/// in it (the data object `morestack_strings`).
#[derive(Default, Debug)]
pub struct Strings {
    pool: Vec<Box<[u8]>>,
    blob: Vec<u8>,
}

impl Strings {
    /// Stores `bytes` and returns their address (stable for the pool's lifetime), or
    /// their offset in [`Strings::blob`] when compiling for an object file.
    pub fn intern(&mut self, bytes: &[u8], aot: bool) -> i64 {
        if aot {
            let off = self.blob.len() as i64;
            self.blob.extend_from_slice(bytes);
            return off;
        }
        let b: Box<[u8]> = if bytes.is_empty() {
            Box::new([0u8])
        } else {
            bytes.into()
        };
        let addr = b.as_ptr() as usize as i64;
        self.pool.push(b);
        addr
    }

    /// The literals interned for an object file, one after the other.
    pub fn blob(&self) -> &[u8] {
        &self.blob
    }
}

/// Name of generated function `i` (namespace 0, as `cranelift_module` numbers `FuncId`s).
pub fn func_name(index: u32) -> UserFuncName {
    UserFuncName::user(0, index)
}

/// Whether a function can be called from Rust: only `int`/`bool` parameters and results.
pub fn is_callable_from_rust(prog: &Program, f: FuncId) -> bool {
    let func = &prog.funcs[f.0 as usize];
    func.locals[..func.params]
        .iter()
        .all(|l| matches!(l.ty, Type::Int | Type::Bool))
        && func
            .results
            .iter()
            .all(|t| matches!(t, Type::Int | Type::Bool))
}

/// Compiles `prog` for `target` (the host when `None`) as the JIT would, and returns the
/// machine code of every function (checking entries and bodies included) and of `main`'s
/// entry trampoline (last). Host addresses are placeholders.
pub fn compile_for(
    prog: &Program,
    opts: &Options,
    target: Option<Target>,
    disas: machine::Disassemble,
) -> Result<(machine::MachProgram, machine::MachFunc), CodegenError> {
    let isa = make_isa_for(target, opts).map_err(|e| CodegenError::new(Pos::default(), e))?;
    let mut strings = Strings::default();
    let n = prog.funcs.len() as u32;
    let mp = machine::compile_program(
        prog,
        opts,
        &HostAddrs::placeholder(),
        &*isa,
        n,
        &mut strings,
        disas,
    )?;
    let mut fctx = cranelift_frontend::FunctionBuilderContext::new();
    let index = mp.funcs.len() as u32;
    let entry = trampoline::entry_trampoline(
        prog,
        &mp.layout,
        prog.main,
        Some(prog.init),
        index,
        &mut fctx,
    );
    let entry = machine::compile_ir(
        &*isa,
        entry,
        index,
        "entry trampoline of main".to_string(),
        machine::Role::Unchecked,
        Pos::default(),
        disas,
        machine::Reloc::No,
    )?;
    Ok((mp, entry))
}

/// A line describing a compiled function for `emit`: its name, what it is and its frame.
fn describe(m: &machine::MachFunc) -> String {
    let what = match m.role {
        machine::Role::Checked => "stack check inline, after early returns if any".to_string(),
        machine::Role::CheckFirst => "stack check before the frame".to_string(),
        machine::Role::Entry { body } => format!("checking entry of u0:{body}"),
        machine::Role::Body => "body behind a checking entry".to_string(),
        machine::Role::Unchecked => "no stack check".to_string(),
        machine::Role::Leaf => "small leaf, no stack check".to_string(),
    };
    format!(
        "; func {} (u0:{}; {what}; frame {} bytes; {} bytes of code)",
        m.name,
        m.index,
        m.frame,
        m.code.len()
    )
}

/// Lowers `prog` and returns its Cranelift IR text (every function as the code generator
/// built it, checking entries and bodies included, then `main`'s entry trampoline), for
/// `target`'s frame sizes (the host when `None`). Host addresses are placeholders.
pub fn emit_clif(
    prog: &Program,
    opts: &Options,
    target: Option<Target>,
) -> Result<String, CodegenError> {
    let (mp, entry) = compile_for(prog, opts, target, machine::Disassemble::No)?;
    let mut out = format!("; stack reserve: {} bytes\n", mp.reserve);
    for m in mp.funcs.iter().chain(std::iter::once(&entry)) {
        out.push_str(&format!("{}\n{}\n", describe(m), m.ir.display()));
    }
    Ok(out)
}

/// Compiles `prog` for `target` and returns the disassembly of every function (checking
/// entries and bodies included, then `main`'s entry trampoline). Host addresses are
/// placeholders.
pub fn emit_asm(prog: &Program, opts: &Options, target: Target) -> Result<String, CodegenError> {
    let (mp, entry) = compile_for(prog, opts, Some(target), machine::Disassemble::Yes)?;
    let mut out = format!("; stack reserve: {} bytes\n", mp.reserve);
    for m in mp.funcs.iter().chain(std::iter::once(&entry)) {
        out.push_str(&format!(
            "{}\n{}\n",
            describe(m),
            m.asm.as_deref().unwrap_or("")
        ));
    }
    Ok(out)
}

#[cfg(test)]
pub(crate) mod tests;

//! Growable stacks for any Cranelift JIT: the stack half of morestack, without its Go
//! front end.
//!
//! A language built on Cranelift gets segmented or copying stacks (or a fixed one) by
//! following morestack's *stack ABI* (stated once, in [`morestack_runtime`]'s crate
//! docs). This crate gives everything that takes, each piece used by the crate's two
//! examples, `examples/minimal.rs` (one hand-built function, under 60 lines) and
//! `examples/lang.rs` (a small expression language with recursion and host functions):
//!
//! 1. **The ISA** ([`isa`], [`check_isa`]): the pinned register holds the run's
//!    [`Context`]; frame pointers are kept (morestack and stack copying walk frame
//!    records); no stack probes; non-PIC code with absolute libcalls; `opt_level=none`
//!    for relocatable code ([`CodeKind::Relocatable`], the copying strategy), which step 3
//!    optimizes before its relocation pass.
//! 2. **The prologue** ([`stack_check`]): every function uses [`CallConv::Tail`] and
//!    starts with the check, whose cold path tail-calls morestack with the function's own
//!    signature. The stack-argument size and the pointer mask come from the signature
//!    ([`arg_layout`]); integer, `f32`/`f64` and 128-bit vector parameters are
//!    supported, anything else is an error when the function is built.
//! 3. **Stack addresses** ([`reloc::optimize_relocatable`]) for the copying strategy:
//!    before compiling a function, optimize it and make it relocatable (no address into
//!    the stack stays in a register across a call: each is recomputed after the call or
//!    kept in a stack-map slot), naming its pointer parameters; and **the stack maps** of each compiled
//!    function must be registered ([`FunctionInfo::register`], which returns a guard that
//!    unregisters them when dropped). [`define_function`] compiles and defines a
//!    function in a `cranelift_module::Module`, putting one whose frame is deeper than
//!    an inline check allows behind a *checking entry*; its [`Defined::reserve`] is what
//!    the stack's reserve must cover.
//! 4. **An entry trampoline** ([`build_entry_trampoline`]) for any signature, and a
//!    **stack object** ([`Stack`]) that runs it, typed ([`Stack::call`]), keeping its
//!    stack between calls.
//! 5. **Host functions** ([`emit_host_call`], arguments in registers;
//!    [`emit_host_call_in_memory`], any number of arguments, read with [`HostArgs`]) run
//!    on the thread's own stack, get the stack's user data ([`user_data`]) and may fail
//!    with the embedder's own error ([`fail`]), which [`Stack::call`] returns as
//!    [`CallError::Host`].

#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

mod abi;
mod define;
mod isa;
pub mod prologue;
pub mod reloc;
mod stack;

pub use abi::{arg_layout, ArgLayout};
pub use define::{define_function, Defined, MAX_INLINE_FRAME};
pub use isa::{check_isa, isa, CodeKind};
pub use morestack_runtime::{Context, EntryFn, RunStats, SegmentCache, StackConfig, Strategy};
pub use stack::{
    build_entry_trampoline, define_entry_trampoline, emit_host_call, emit_host_call_in_memory,
    entry_signature, fail, user_data, CallError, Entry, EntryShape, FunctionInfo, HostArgs, Params,
    Registration, Results, Stack, Val, V128,
};

use cranelift_codegen::ir::{
    AbiParam, ExtFuncData, ExternalName, Signature, Type, UserFuncName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::FunctionBuilder;
use std::fmt;

/// What went wrong while building or setting up code for growable stacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The ISA cannot be built or does not have the settings the stack ABI needs.
    Isa(String),
    /// A signature the stack ABI does not support.
    Signature(String),
    /// A function that cannot be used as it is (e.g. its frame is deeper than the reserve).
    Function(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Isa(m) | Error::Signature(m) | Error::Function(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// A [`CallConv::Tail`] signature with these parameter and result types.
pub fn tail_signature(params: &[Type], returns: &[Type]) -> Signature {
    let mut sig = Signature::new(CallConv::Tail);
    sig.params = params.iter().map(|&t| AbiParam::new(t)).collect();
    sig.returns = returns.iter().map(|&t| AbiParam::new(t)).collect();
    sig
}

/// Starts the function being built: creates its entry block with the function's
/// parameters, switches to it and emits the stack check ([`stack_check`]). Returns the
/// parameters; the builder continues in the body.
pub fn begin_function(b: &mut FunctionBuilder, pointers: &[usize]) -> Result<Vec<Value>, Error> {
    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    stack_check(b, pointers)
}

/// Emits the stack check at the start of the function being built: the builder's
/// current block must be the entry block, with the function's parameters as its block
/// parameters. `pointers` lists the parameters (indices) that are addresses into the
/// stack (the copying strategy relocates them; pass none for other strategies or when
/// there are none). Returns the parameters to use in the body; the builder continues in
/// the body's block.
///
/// The function must use [`CallConv::Tail`] and have a user name (`UserFuncName::User`)
/// that refers to itself: the cold path takes its own address.
///
/// ```
/// use cranelift_codegen::ir::{types::I64, Function, InstBuilder, UserFuncName};
/// use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
/// use morestack_cranelift::{begin_function, tail_signature};
/// let mut f = Function::with_name_signature(UserFuncName::user(0, 0), tail_signature(&[I64], &[I64]));
/// let mut fctx = FunctionBuilderContext::new();
/// let mut b = FunctionBuilder::new(&mut f, &mut fctx);
/// let p = begin_function(&mut b, &[])?; // = entry block + stack_check
/// let r = b.ins().iadd_imm_s(p[0], 1);
/// b.ins().return_(&[r]);
/// b.seal_all_blocks();
/// let text = f.display().to_string();
/// // The check: SP against the guard at the pinned register, a cold path to morestack.
/// assert!(text.contains("get_pinned_reg") && text.contains("return_call_indirect"));
/// # Ok::<(), morestack_cranelift::Error>(())
/// ```
pub fn stack_check(b: &mut FunctionBuilder, pointers: &[usize]) -> Result<Vec<Value>, Error> {
    let sig = b.func.signature.clone();
    if sig.call_conv != CallConv::Tail {
        return Err(Error::Signature(
            "functions with a stack check must use the tail calling convention".into(),
        ));
    }
    let layout = arg_layout(&sig, pointers)?;
    if layout.wide() {
        return Err(Error::Signature(
            "a pointer parameter passed beyond the 58th stack slot is not supported".into(),
        ));
    }
    let name = match &b.func.name {
        UserFuncName::User(u) => u.clone(),
        UserFuncName::Testcase(_) => {
            return Err(Error::Function(
                "the function needs a user name (UserFuncName::User) to refer to itself".into(),
            ))
        }
    };
    let name_ref = b.func.declare_imported_user_function(name);
    let self_sig = b.import_signature(sig);
    let self_ref = b.import_function(ExtFuncData {
        name: ExternalName::user(name_ref),
        signature: self_sig,
        colocated: true,
        patchable: false,
    });
    let entry = b
        .current_block()
        .ok_or_else(|| Error::Function("no current block".into()))?;
    let params = b.block_params(entry).to_vec();
    let check = prologue::StackCheck {
        self_ref,
        self_sig,
        argbytes: layout.argbytes,
        ptrmask: layout.ptrmask,
    };
    let (_, params) =
        prologue::emit_stack_check(b, &params, &check, &prologue::ContextOffsets::runtime());
    Ok(params)
}

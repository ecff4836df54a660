//! The stack-check prologue: independent of the Go front end, usable by any Cranelift
//! user that follows morestack's stack ABI (see `DESIGN.md`).
//!
//! Every function compiled for growable stacks starts with
//!
//! ```text
//! entry(params...):
//!     sp    = get_stack_pointer
//!     ctx   = get_pinned_reg
//!     guard = load [ctx + STACK_GUARD]
//!     brif (icmp ult sp, guard), cold, body(params...)
//! cold:                                   ; set_cold_block
//!     store func_addr(self)     -> [ctx + MS_FUNC]
//!     store fp - sp + 16        -> [ctx + MS_FRAME]
//!     store argbytes            -> [ctx + MS_ARGBYTES]
//!     store ptrmask             -> [ctx + MS_PTRMASK]
//!     return_call_indirect sig_self, [ctx + MORESTACK], params...
//! ```
//!
//! Cranelift's own prologue has already run when the check executes, so SP already
//! includes the frame; the runtime keeps the guard a reserve above the segment's bottom.
//! The cold path tail-calls the morestack stub with the function's own signature, so the
//! stub is entered with the frame popped, the return address in place and every argument
//! register intact.

use cranelift_codegen::ir::{
    condcodes::IntCC, types, Block, FuncRef, InstBuilder, MemFlagsData, SigRef, Value,
};
use cranelift_frontend::FunctionBuilder;

/// Byte offsets of the context fields the prologue touches (see
/// `morestack_runtime::offsets`).
#[derive(Clone, Copy, Debug)]
pub struct ContextOffsets {
    /// Offset of the stack guard.
    pub stack_guard: i32,
    /// Offset of the morestack stub's address.
    pub morestack: i32,
    /// Offset of the "function to restart" field.
    pub ms_func: i32,
    /// Offset of the "frame bytes needed" field.
    pub ms_frame: i32,
    /// Offset of the "stack-argument bytes" field.
    pub ms_argbytes: i32,
    /// Offset of the "pointer-argument mask" field.
    pub ms_ptrmask: i32,
}

impl ContextOffsets {
    /// The offsets of `morestack_runtime::Context`.
    pub fn runtime() -> Self {
        use morestack_runtime::offsets as o;
        ContextOffsets {
            stack_guard: o::STACK_GUARD,
            morestack: o::MORESTACK,
            ms_func: o::MS_FUNC,
            ms_frame: o::MS_FRAME,
            ms_argbytes: o::MS_ARGBYTES,
            ms_ptrmask: o::MS_PTRMASK,
        }
    }
}

/// What the cold path records about the function for morestack.
#[derive(Clone, Copy, Debug)]
pub struct StackCheck {
    /// A `FuncRef` to the function itself (for `func_addr`).
    pub self_ref: FuncRef,
    /// The function's own signature, imported (for `return_call_indirect`).
    pub self_sig: SigRef,
    /// Bytes of stack-passed arguments (Cranelift's `Tail` convention).
    pub argbytes: u64,
    /// Bit `i` set when parameter `i` is a pointer into the stack.
    pub ptrmask: u64,
}

/// Bytes of stack-passed arguments of a `Tail`-convention function with `n_int_params`
/// 64-bit integer parameters: x86-64 and AArch64 both pass six in registers (rdi..r9;
/// x2..x7) and round the stack area up to 16 bytes.
pub fn tail_stack_arg_bytes(n_int_params: usize) -> u64 {
    let on_stack = n_int_params.saturating_sub(6) as u64 * 8;
    on_stack.div_ceil(16) * 16
}

/// Emits the stack check into the builder's current block, which must be the function's
/// entry block holding the function's parameters as block params (`params`). Returns the
/// block where the body continues (already switched to and sealed) and the values of the
/// parameters to use there (the entry block's own, which dominate the body).
///
/// All parameters must be of pointer-sized integer type or otherwise passable unchanged.
pub fn emit_stack_check(
    b: &mut FunctionBuilder,
    params: &[Value],
    check: &StackCheck,
    offsets: &ContextOffsets,
) -> (Block, Vec<Value>) {
    let ptr = types::I64;
    let flags = MemFlagsData::trusted();
    // Cranelift 0.135 never folds the guard's load into the compare of a `brif`: a load
    // only sinks into its user when no side effect separates them (instruction colors),
    // and branches are lowered outside that scan (`lower_clif_branch` runs with no scan
    // color, see cranelift-codegen's machinst/lower.rs). So x86-64 gets
    // `mov r15->a; mov [a]->g; mov rsp->s; cmp g, s; jb` (the `mov`s are register
    // copies the renamer eliminates), AArch64 `mov; ldr; mov; cmp; b.lo`.
    let sp = b.ins().get_stack_pointer(ptr);
    let ctx = b.ins().get_pinned_reg(ptr);
    let guard = b.ins().load(ptr, flags, ctx, offsets.stack_guard);
    let low = b.ins().icmp(IntCC::UnsignedLessThan, sp, guard);

    let cold = b.create_block();
    b.set_cold_block(cold);
    // The body uses the entry block's parameters directly (the entry dominates it): no
    // block parameters, so nothing for the optimizer to remove and no copies.
    let body = b.create_block();
    b.ins().brif(low, cold, &[], body, &[]);

    b.switch_to_block(cold);
    b.seal_block(cold);
    let me = b.ins().func_addr(ptr, check.self_ref);
    b.ins().store(flags, me, ctx, offsets.ms_func);
    let fp = b.ins().get_frame_pointer(ptr);
    let sp2 = b.ins().get_stack_pointer(ptr);
    let frame = b.ins().isub(fp, sp2);
    let frame = b.ins().iadd_imm_s(frame, 16);
    b.ins().store(flags, frame, ctx, offsets.ms_frame);
    let argbytes = b.ins().iconst(ptr, check.argbytes as i64);
    b.ins().store(flags, argbytes, ctx, offsets.ms_argbytes);
    let mask = b.ins().iconst(ptr, check.ptrmask as i64);
    b.ins().store(flags, mask, ctx, offsets.ms_ptrmask);
    let stub = b.ins().load(ptr, flags, ctx, offsets.morestack);
    b.ins().return_call_indirect(check.self_sig, stub, params);

    b.switch_to_block(body);
    b.seal_block(body);
    (body, params.to_vec())
}

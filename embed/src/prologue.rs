//! The stack-check prologue: independent of the Go front end, usable by any Cranelift
//! user that follows morestack's stack ABI (see `docs/DESIGN.md`).
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
    condcodes::IntCC, types, Block, ExtFuncData, ExternalName, FuncRef, Function, InstBuilder,
    MemFlagsData, SigRef, Signature, UserExternalName, UserFuncName, Value,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

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
    let on_stack = n_int_params.saturating_sub(TAIL_REG_ARGS) as u64 * 8;
    on_stack.div_ceil(16) * 16
}

/// Integer parameters a `Tail`-convention function receives in registers (x86-64:
/// rdi, rsi, rdx, rcx, r8, r9; AArch64: x2..x7; Cranelift reserves x0 and x1 there).
pub const TAIL_REG_ARGS: usize = 6;

/// Where Cranelift parameter `i` (of a `Tail`-convention function whose parameters are
/// all 64-bit integers) lives when it is passed on the stack: its offset from the frame
/// pointer, above the saved frame pointer and return address (x86-64) or frame record
/// (AArch64), both 16 bytes; `None` for a register parameter. The caller stores the
/// stack arguments in order, each in an 8-byte slot, and morestack copies them with the
/// frame (segmented) or the stack (copying), so the offset holds wherever the function
/// runs.
pub fn tail_stack_arg_offset(i: usize) -> Option<i32> {
    let k = i.checked_sub(TAIL_REG_ARGS)?;
    i32::try_from(16 + 8 * k).ok()
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
    let fp = b.ins().get_frame_pointer(ptr);
    let sp2 = b.ins().get_stack_pointer(ptr);
    let frame = b.ins().isub(fp, sp2);
    let frame = b.ins().iadd_imm_s(frame, 16);
    emit_cold_path(b, ctx, frame, check, params, offsets);

    b.switch_to_block(body);
    b.seal_block(body);
    (body, params.to_vec())
}

/// Moves the stack check that [`emit_stack_check`] put in the entry block of `func` past
/// the function's *early returns*: a chain of blocks that compute only pure values (no
/// call, load, store, trap or other side effect) and branch either to a block that
/// returns, equally pure, or onwards. Each early return then runs without a check (it
/// calls nothing and writes nothing but the frame Cranelift's prologue sets up, as a small
/// leaf; the caller must keep the function's whole frame within the reserve), and the
/// check moves to the edge that leaves the chain: `fib`'s `if n < 2 { return n }` costs
/// no check. A failing check still restarts the function from its entry with its
/// parameters untouched, which is sound because nothing before it had an effect.
/// Returns whether the check moved (`false`: the function is unchanged).
pub fn sink_stack_check(func: &mut Function) -> bool {
    use cranelift_codegen::cursor::{Cursor, FuncCursor};
    use cranelift_codegen::ir::{BlockArg, InstructionData, Opcode};
    let Some(entry) = func.layout.entry_block() else {
        return false;
    };
    let insts: Vec<_> = func.layout.block_insts(entry).collect();
    let ops: Vec<Opcode> = insts.iter().map(|&i| func.dfg.insts[i].opcode()).collect();
    if ops
        != [
            Opcode::GetStackPointer,
            Opcode::GetPinnedReg,
            Opcode::Load,
            Opcode::Icmp,
            Opcode::Brif,
        ]
    {
        return false;
    }
    let term = insts[4];
    let InstructionData::Brif { blocks, .. } = func.dfg.insts[term] else {
        return false;
    };
    let pool = &func.dfg.value_lists;
    let (cold, body) = (blocks[0].block(pool), blocks[1].block(pool));
    if !func.layout.is_cold(cold) || blocks[1].args(pool).count() != 0 {
        return false;
    }
    let pure = |func: &Function, i| {
        let op: Opcode = func.dfg.insts[i].opcode();
        !(op.is_call()
            || op.is_branch()
            || op.is_terminator()
            || op.can_load()
            || op.can_store()
            || op.can_trap()
            || op.other_side_effects())
    };
    // A block that returns after pure instructions only.
    let returns = |func: &Function, b: Block| {
        let v: Vec<_> = func.layout.block_insts(b).collect();
        let last = *v.last().unwrap();
        func.dfg.insts[last].opcode() == Opcode::Return
            && v[..v.len() - 1].iter().all(|&i| pure(func, i))
    };
    // One predecessor each (the chain is a path from the entry).
    let mut preds: std::collections::HashMap<Block, usize> = Default::default();
    for b in func.layout.blocks() {
        for s in func.block_successors(b) {
            *preds.entry(s).or_default() += 1;
        }
    }
    // Walk the chain: `edge` is the branch whose target `k` (0 then, 1 else) leaves it.
    let mut edge = None;
    let mut at = body;
    loop {
        if preds.get(&at) != Some(&1) {
            break;
        }
        let v: Vec<_> = func.layout.block_insts(at).collect();
        let last = *v.last().unwrap();
        if !v[..v.len() - 1].iter().all(|&i| pure(func, i)) {
            break;
        }
        let InstructionData::Brif { blocks, .. } = func.dfg.insts[last] else {
            break;
        };
        let pool = &func.dfg.value_lists;
        let (t, e) = (blocks[0].block(pool), blocks[1].block(pool));
        let k = if returns(func, t) && !returns(func, e) {
            1
        } else if returns(func, e) && !returns(func, t) {
            0
        } else {
            break;
        };
        edge = Some((last, k));
        at = blocks[k].block(pool);
    }
    let Some((branch, k)) = edge else {
        return false;
    };
    // The new block holding the check, on the edge that leaves the chain.
    let check = func.dfg.make_block();
    func.layout.insert_block(check, at);
    let InstructionData::Brif { mut blocks, .. } = func.dfg.insts[branch] else {
        unreachable!("checked above")
    };
    let args: Vec<BlockArg> = blocks[k].args(&func.dfg.value_lists).collect();
    blocks[k] = func.dfg.block_call(check, &[]);
    if let InstructionData::Brif { blocks: b, .. } = &mut func.dfg.insts[branch] {
        *b = blocks;
    }
    for &i in &insts[..4] {
        func.layout.remove_inst(i);
        func.layout.append_inst(i, check);
    }
    let low = func.dfg.first_result(insts[3]);
    let mut pos = FuncCursor::new(func).at_bottom(check);
    pos.ins().brif(low, cold, &[], at, &args);
    pos.goto_inst(term);
    pos.remove_inst();
    pos.goto_bottom(entry);
    pos.ins().jump(body, &[]);
    true
}

/// The cold path of a stack check, in the current block: records for morestack which
/// function to restart (`check.self_ref`), the bytes its `frame` needs, its stack-argument
/// bytes and pointer mask, then tail-calls the morestack stub with the function's own
/// signature and `params` (see the stack ABI in `morestack_runtime`'s docs).
fn emit_cold_path(
    b: &mut FunctionBuilder,
    ctx: Value,
    frame: Value,
    check: &StackCheck,
    params: &[Value],
    offsets: &ContextOffsets,
) {
    let ptr = types::I64;
    let flags = MemFlagsData::trusted();
    let me = b.ins().func_addr(ptr, check.self_ref);
    b.ins().store(flags, me, ctx, offsets.ms_func);
    b.ins().store(flags, frame, ctx, offsets.ms_frame);
    let argbytes = b.ins().iconst(ptr, check.argbytes as i64);
    b.ins().store(flags, argbytes, ctx, offsets.ms_argbytes);
    let mask = b.ins().iconst(ptr, check.ptrmask as i64);
    b.ins().store(flags, mask, ctx, offsets.ms_ptrmask);
    let stub = b.ins().load(ptr, flags, ctx, offsets.morestack);
    b.ins().return_call_indirect(check.self_sig, stub, params);
}

/// What a *checking entry* needs to know about the body it guards (see
/// [`checking_entry`]).
#[derive(Clone, Copy, Debug)]
pub struct BodyFrame {
    /// Bytes of the body's frame below its frame pointer once its prologue has run
    /// (Cranelift's `frame_to_fp_offset`: clobbers, spill and stack slots, outgoing
    /// arguments).
    pub below_fp: u32,
    /// Bytes the body's frame takes below its caller's SP (`below_fp` plus the 16-byte
    /// frame record, which holds the return address on both architectures): what
    /// morestack must find room for.
    pub frame: u32,
}

/// What [`checking_entry`] builds.
#[derive(Clone, Debug)]
pub struct CheckingEntry {
    /// The entry's own name (its callers' and morestack's target).
    pub name: UserFuncName,
    /// The signature of the entry and of the body (`Tail`).
    pub sig: Signature,
    /// The entry's name as an import (for `func_addr` in the cold path).
    pub self_name: UserExternalName,
    /// The body's name as an import.
    pub body_name: UserExternalName,
    /// Bytes of stack-passed arguments (as [`StackCheck::argbytes`]).
    pub argbytes: u64,
    /// Pointer-argument mask (as [`StackCheck::ptrmask`]).
    pub ptrmask: u64,
    /// The body's frame, from its compiled code.
    pub body: BodyFrame,
}

/// Builds a *checking entry*: a tiny function with the body's own signature that checks
/// the stack for the body's whole frame **before** the body's prologue allocates and
/// writes it, then tail-calls the body (`return_call`). Callers (and morestack's restart)
/// call the entry; a check the body has of its own always passes.
///
/// ```text
/// entry(params...):                       ; sig_self (Tail), named `self_name`
///     lowest = get_frame_pointer - below_fp  ; the body's SP after its prologue
///     guard  = load [get_pinned_reg + STACK_GUARD]
///     brif (icmp ult lowest, guard), cold, go
/// go:
///     return_call body(params...)
/// cold:                                   ; set_cold_block
///     store func_addr(self) -> [ctx + MS_FUNC]
///     store frame           -> [ctx + MS_FRAME]
///     store argbytes, ptrmask
///     return_call_indirect sig_self, [ctx + MORESTACK], params...
/// ```
///
/// The entry's frame record sits where the body's will (16 bytes below the caller's SP
/// on both architectures, since a tail call with the same signature neither grows nor
/// shrinks the argument area), so `fp - below_fp` is exactly the SP the body will run
/// at. A function whose frame is too big for the stack reserve (its *pre-check depth*,
/// see `codegen::machine`) gets such an entry.
pub fn checking_entry(
    spec: &CheckingEntry,
    offsets: &ContextOffsets,
    fctx: &mut FunctionBuilderContext,
) -> Function {
    let (sig, body) = (&spec.sig, spec.body);
    let ptr = types::I64;
    let flags = MemFlagsData::trusted();
    let mut func = Function::with_name_signature(spec.name.clone(), sig.clone());
    let mut b = FunctionBuilder::new(&mut func, fctx);
    let import = |b: &mut FunctionBuilder, n: UserExternalName| {
        let sigref = b.import_signature(sig.clone());
        let name = b.func.declare_imported_user_function(n);
        b.import_function(ExtFuncData {
            name: ExternalName::user(name),
            signature: sigref,
            colocated: true,
            patchable: false,
        })
    };
    let me = import(&mut b, spec.self_name.clone());
    let body_ref = import(&mut b, spec.body_name.clone());
    let self_sig = b.func.dfg.ext_funcs[me].signature;

    let entry = b.create_block();
    b.append_block_params_for_function_params(entry);
    b.switch_to_block(entry);
    let params = b.block_params(entry).to_vec();
    let fp = b.ins().get_frame_pointer(ptr);
    let lowest = b.ins().iadd_imm_s(fp, -i64::from(body.below_fp));
    let ctx = b.ins().get_pinned_reg(ptr);
    let guard = b.ins().load(ptr, flags, ctx, offsets.stack_guard);
    let low = b.ins().icmp(IntCC::UnsignedLessThan, lowest, guard);
    let cold = b.create_block();
    b.set_cold_block(cold);
    let go = b.create_block();
    b.ins().brif(low, cold, &[], go, &[]);

    b.switch_to_block(go);
    b.ins().return_call(body_ref, &params);

    b.switch_to_block(cold);
    let frame = b.ins().iconst(ptr, i64::from(body.frame));
    let check = StackCheck {
        self_ref: me,
        self_sig,
        argbytes: spec.argbytes,
        ptrmask: spec.ptrmask,
    };
    emit_cold_path(&mut b, ctx, frame, &check, &params, offsets);
    b.seal_all_blocks();
    b.finalize(TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    });
    func
}

/// The largest frame a checking entry compiled by Cranelift may have: its frame record
/// and the few callee-saved registers it uses to carry stack-passed arguments across its
/// check (what `tests/precheck.rs` allows it to write before the check). Past that (a
/// function with dozens of stack-passed parameters, whose entry loads and spills every
/// one of them before its check), the entry is [`direct_entry`] instead.
pub const MAX_ENTRY_FRAME: u32 = 16 + 6 * 8;

/// A checking entry written directly in machine code, for a body with many stack-passed
/// arguments: it touches neither the stack nor any argument register, so it writes
/// nothing before its check and need not carry the arguments across it. (Cranelift's
/// entry must receive them as values to pass them on with `return_call`, and loads and
/// spills all of them first.) Returns the code and its relocation (the jump to the body).
///
/// x86-64 (entered by a call: `[rsp]` is the return address; the pinned register r15 is
/// the context):
///
/// ```text
///     lea  rax, [rsp - 8 - below_fp]   ; SP the body will run at (its frame record and
///     cmp  rax, [r15 + stack_guard]    ; frame start where ours would)
///     jb   cold
///     jmp  body                        ; rel32, X86CallPCRel4
/// cold:
///     lea  rax, [rip - here]           ; our own address
///     mov  [r15 + ms_func], rax
///     mov  qword [r15 + ms_frame], frame
///     mov  qword [r15 + ms_argbytes], argbytes
///     mov  rax, ptrmask
///     mov  [r15 + ms_ptrmask], rax
///     jmp  [r15 + morestack]           ; entered exactly as we were
/// ```
///
/// AArch64 (x30 the return address, x21 the context; x16/x17 are scratch):
///
/// ```text
///     mov  x16, #(16 + below_fp)       ; movz/movk
///     sub  x16, sp, x16
///     ldr  x17, [x21, #stack_guard]
///     cmp  x16, x17
///     b.lo cold
///     b    body                        ; Arm64Call
/// cold:
///     adr  x16, entry
///     str  x16, [x21, #ms_func]
///     mov  x16, #frame ; str x16, [x21, #ms_frame]
///     mov  x16, #argbytes ; str x16, [x21, #ms_argbytes]
///     mov  x16, #ptrmask ; str x16, [x21, #ms_ptrmask]
///     ldr  x16, [x21, #morestack]
///     br   x16
/// ```
pub fn direct_entry(
    arch: target_lexicon::Architecture,
    spec: &CheckingEntry,
    offsets: &ContextOffsets,
) -> Option<(Vec<u8>, cranelift_codegen::binemit::Reloc, u32)> {
    use cranelift_codegen::binemit::Reloc;
    use target_lexicon::Architecture;
    let below = u64::from(spec.body.below_fp);
    let frame = u64::from(spec.body.frame);
    let disp8 = |o: i32| u8::try_from(o).expect("context offsets are small");
    match arch {
        Architecture::X86_64 => {
            let mut c = Vec::new();
            // lea rax, [rsp + disp32]
            c.extend([0x48, 0x8d, 0x84, 0x24]);
            c.extend((-(8 + below as i64) as i32).to_le_bytes());
            // cmp rax, [r15 + disp8]
            c.extend([0x49, 0x3b, 0x47, disp8(offsets.stack_guard)]);
            // jb rel32 (patched below)
            c.extend([0x0f, 0x82, 0, 0, 0, 0]);
            let jb = c.len();
            // jmp rel32 to the body
            c.push(0xe9);
            let reloc_at = c.len() as u32;
            c.extend([0, 0, 0, 0]);
            let cold = c.len();
            c[jb - 4..jb].copy_from_slice(&((cold - jb) as i32).to_le_bytes());
            x86_cold_path(&mut c, frame, spec.argbytes, spec.ptrmask, offsets)?;
            Some((c, Reloc::X86CallPCRel4, reloc_at))
        }
        Architecture::Aarch64(_) => {
            let mut w: Vec<u32> = Vec::new();
            a64_mov_x16(&mut w, 16 + below);
            w.push(0xcb20_6000 | (16 << 16) | (31 << 5) | 16); // sub x16, sp, x16 (uxtx)
            w.push(a64_ctx_ldr_str(true, 17, offsets.stack_guard)); // ldr x17, [x21, #guard]
            w.push(0xeb11_021f); // cmp x16, x17
            let blo = w.len();
            w.push(0); // b.lo cold (patched)
            let reloc_at = (w.len() * 4) as u32;
            w.push(0x1400_0000); // b body
            let cold = w.len();
            w[blo] = 0x5400_0000 | ((((cold - blo) as u32) & 0x7ffff) << 5) | 0x3;
            a64_cold_path(&mut w, frame, spec.argbytes, spec.ptrmask, offsets)?;
            let c = w.iter().flat_map(|i| i.to_le_bytes()).collect();
            Some((c, Reloc::Arm64Call, reloc_at))
        }
        _ => None,
    }
}

/// What [`check_before_frame`] needs to know about the function.
#[derive(Clone, Copy, Debug)]
pub struct BeforeFrame {
    /// The body's frame, from its compiled code.
    pub frame: BodyFrame,
    /// Bytes of stack-passed arguments (as [`StackCheck::argbytes`]).
    pub argbytes: u64,
    /// Pointer-argument mask (as [`StackCheck::ptrmask`]).
    pub ptrmask: u64,
    /// Compare SP itself with the guard (see [`check_before_frame`]).
    pub direct: bool,
    /// The body's required alignment (a power of two, at most 64): the check is padded
    /// to a multiple of it.
    pub body_align: usize,
}

/// A function's machine code with its stack check **in front of its frame**: see
/// [`check_before_frame`].
#[derive(Clone, Debug)]
pub struct CheckedCode {
    /// The whole function: the check, the body compiled by Cranelift (at `body_at`), the
    /// cold path.
    pub code: Vec<u8>,
    /// Where the body starts in `code`: offsets in the body's relocations, stack maps and
    /// traps move by this much.
    pub body_at: u32,
}

/// Puts the stack check in front of `body`, the machine code of a function Cranelift
/// compiled *without* a check, so that it runs before the body's prologue writes anything:
/// the check compares the SP the body will run at (exactly known from its compiled frame,
/// as in [`direct_entry`]) with the guard, and falls through into the body; the cold path,
/// after the body, tail-jumps to morestack with the function's own start as the restart
/// address (nothing has been touched but scratch registers, so the arguments are as the
/// caller passed them). Returns `None` for an architecture without an encoder or a frame
/// too big to encode.
///
/// With `spec.direct`, the check compares SP itself with the guard, as Go does for frames up
/// to `StackSmall`: `cmp rsp, [r15 + stack_guard]; jb cold` (AArch64: `ldr x17, [x21];
/// cmp sp, x17; b.lo cold`), one instruction fewer; the body then runs up to its frame
/// below the guard, so the stack's reserve must also cover the frame of every function
/// checked this way (the caller decides which: small frames).
///
/// x86-64 (`[rsp]` is the return address, r15 the context):
///
/// ```text
///     lea  rax, [rsp - 8 - below_fp]   ; disp8 when it fits (direct: no lea, cmp rsp)
///     cmp  rax, [r15 + stack_guard]
///     jb   cold                        ; rel32
///     (nop padding to the body's alignment, if it needs one)
/// body:
///     ...                              ; Cranelift's code, unchanged
/// cold:
///     lea  rax, [rip - start]          ; our own start
///     mov  [r15 + ms_func], rax
///     mov  qword [r15 + ms_frame], frame
///     mov  qword [r15 + ms_argbytes], argbytes
///     mov  rax, ptrmask
///     mov  [r15 + ms_ptrmask], rax
///     jmp  [r15 + morestack]
/// ```
///
/// AArch64 (x21 the context, x16/x17 scratch): `sub x16, sp, #(16 + below_fp)` (or
/// `mov x16, #...; sub x16, sp, x16`), `ldr x17, [x21, #stack_guard]`, `cmp x16, x17`,
/// `b.lo cold`, `nop`s to the body's alignment, the body, then the cold path of
/// [`direct_entry`].
pub fn check_before_frame(
    arch: target_lexicon::Architecture,
    body: &[u8],
    spec: &BeforeFrame,
    offsets: &ContextOffsets,
) -> Option<CheckedCode> {
    let BeforeFrame {
        frame,
        argbytes,
        ptrmask,
        direct,
        body_align,
    } = *spec;
    if !body_align.is_power_of_two() || body_align > 64 {
        return None;
    }
    use target_lexicon::Architecture;
    let below = u64::from(frame.below_fp);
    let disp8 = |o: i32| u8::try_from(o).expect("context offsets are small");
    match arch {
        Architecture::X86_64 => {
            let mut c = Vec::new();
            let d = -(8 + i64::try_from(below).ok()?);
            if direct {
                // cmp rsp, [r15 + disp8]
                c.extend([0x49, 0x3b, 0x67, disp8(offsets.stack_guard)]);
            } else if d >= -128 {
                // lea rax, [rsp + disp8]
                c.extend([0x48, 0x8d, 0x44, 0x24, d as i8 as u8]);
            } else {
                // lea rax, [rsp + disp32]
                c.extend([0x48, 0x8d, 0x84, 0x24]);
                c.extend(i32::try_from(d).ok()?.to_le_bytes());
            }
            if !direct {
                // cmp rax, [r15 + disp8]
                c.extend([0x49, 0x3b, 0x47, disp8(offsets.stack_guard)]);
            }
            // jb rel32 (patched below)
            c.extend([0x0f, 0x82, 0, 0, 0, 0]);
            let jb = c.len();
            // Multi-byte NOPs up to the body's alignment (for its constants; code needs
            // none, and executed NOPs cost more than a misaligned body: measured).
            while !c.len().is_multiple_of(body_align) {
                let n = (body_align - c.len() % body_align).min(8);
                c.extend(X86_NOPS[n - 1]);
            }
            let body_at = c.len();
            c.extend_from_slice(body);
            let cold = c.len();
            c[jb - 4..jb].copy_from_slice(&i32::try_from(cold - jb).ok()?.to_le_bytes());
            x86_cold_path(&mut c, u64::from(frame.frame), argbytes, ptrmask, offsets)?;
            Some(CheckedCode {
                code: c,
                body_at: u32::try_from(body_at).ok()?,
            })
        }
        Architecture::Aarch64(_) => {
            let mut w: Vec<u32> = Vec::new();
            let depth = 16 + below;
            let guard = a64_ctx_ldr_str(true, 17, offsets.stack_guard); // ldr x17, [x21, #guard]
            if direct {
                w.push(guard);
                w.push(0xeb31_63ff); // cmp sp, x17 (subs xzr, sp, x17, uxtx)
            } else {
                if depth < 4096 {
                    // sub x16, sp, #depth
                    w.push(0xd100_0000 | ((depth as u32) << 10) | (31 << 5) | 16);
                } else {
                    a64_mov_x16(&mut w, depth);
                    w.push(0xcb20_6000 | (16 << 16) | (31 << 5) | 16); // sub x16, sp, x16 (uxtx)
                }
                w.push(guard);
                w.push(0xeb11_021f); // cmp x16, x17
            }
            let blo = w.len();
            w.push(0); // b.lo cold (patched)
            while !(w.len() * 4).is_multiple_of(body_align.max(4)) {
                w.push(0xd503_201f); // nop
            }
            let body_at = w.len() * 4;
            if !body.len().is_multiple_of(4) {
                return None;
            }
            w.extend(
                body.chunks(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
            let cold = w.len();
            let dist = u32::try_from(cold - blo).ok().filter(|&d| d < 1 << 18)?;
            w[blo] = 0x5400_0000 | ((dist & 0x7ffff) << 5) | 0x3;
            a64_cold_path(&mut w, u64::from(frame.frame), argbytes, ptrmask, offsets)?;
            Some(CheckedCode {
                code: w.iter().flat_map(|i| i.to_le_bytes()).collect(),
                body_at: u32::try_from(body_at).ok()?,
            })
        }
        _ => None,
    }
}

/// The recommended x86-64 NOPs of 1 to 8 bytes.
const X86_NOPS: [&[u8]; 8] = [
    &[0x90],
    &[0x66, 0x90],
    &[0x0f, 0x1f, 0x00],
    &[0x0f, 0x1f, 0x40, 0x00],
    &[0x0f, 0x1f, 0x44, 0x00, 0x00],
    &[0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
    &[0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
    &[0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/// Appends the x86-64 cold path of a check written in machine code: records the restart
/// address (the function's start, at offset 0 of `c`), the frame, the stack-argument
/// bytes and the pointer mask in the context and jumps to morestack:
/// `lea rax, [rip - start]; mov [r15 + ms_func], rax; mov qword [r15 + ms_frame], frame;
/// mov qword [r15 + ms_argbytes], argbytes; mov rax, ptrmask; mov [r15 + ms_ptrmask], rax;
/// jmp [r15 + morestack]`. `None` when a value does not fit its encoding.
fn x86_cold_path(
    c: &mut Vec<u8>,
    frame: u64,
    argbytes: u64,
    ptrmask: u64,
    offsets: &ContextOffsets,
) -> Option<()> {
    let disp8 = |o: i32| u8::try_from(o).expect("context offsets are small");
    // lea rax, [rip + disp32]: our start
    c.extend([0x48, 0x8d, 0x05]);
    let next = c.len() + 4;
    c.extend((-i32::try_from(next).ok()?).to_le_bytes());
    // mov [r15 + ms_func], rax
    c.extend([0x49, 0x89, 0x47, disp8(offsets.ms_func)]);
    // mov qword [r15 + disp8], imm32 (sign-extended)
    for (off, v) in [(offsets.ms_frame, frame), (offsets.ms_argbytes, argbytes)] {
        c.extend([0x49, 0xc7, 0x47, disp8(off)]);
        c.extend(i32::try_from(v).ok()?.to_le_bytes());
    }
    // mov rax, imm64; mov [r15 + ms_ptrmask], rax
    c.extend([0x48, 0xb8]);
    c.extend(ptrmask.to_le_bytes());
    c.extend([0x49, 0x89, 0x47, disp8(offsets.ms_ptrmask)]);
    // jmp [r15 + morestack]
    c.extend([0x41, 0xff, 0x67, disp8(offsets.morestack)]);
    Some(())
}

/// AArch64 `movz`/`movk` of a 64-bit value into x16 (only the non-zero halves after the
/// first).
fn a64_mov_x16(w: &mut Vec<u32>, v: u64) {
    w.push(0xd280_0000 | (((v & 0xffff) as u32) << 5) | 16);
    for k in 1..4u32 {
        let h = ((v >> (16 * k)) & 0xffff) as u32;
        if h != 0 {
            w.push(0xf280_0000 | (k << 21) | (h << 5) | 16);
        }
    }
}

/// AArch64 `ldr`/`str` of x`rt` at `[x21 + off]` (the context; `off` a small multiple of 8).
fn a64_ctx_ldr_str(load: bool, rt: u32, off: i32) -> u32 {
    let imm12 = u32::try_from(off / 8).expect("small offset");
    (if load { 0xf940_0000 } else { 0xf900_0000 }) | (imm12 << 10) | (21 << 5) | rt
}

/// Appends the AArch64 cold path of a check written in machine code (as
/// [`x86_cold_path`], with the function's start at word 0 of `w`): `adr x16, start;
/// str x16, [x21, #ms_func]`, the frame, stack-argument bytes and pointer mask through
/// x16, `ldr x16, [x21, #morestack]; br x16`. `None` when the start is out of `adr`'s
/// range.
fn a64_cold_path(
    w: &mut Vec<u32>,
    frame: u64,
    argbytes: u64,
    ptrmask: u64,
    offsets: &ContextOffsets,
) -> Option<()> {
    let back = w.len() * 4;
    if back >= 1 << 20 {
        return None;
    }
    let imm = (-(back as i64)) as u32 & 0x1f_ffff;
    w.push(0x1000_0000 | ((imm & 3) << 29) | ((imm >> 2) << 5) | 16); // adr x16, start
    w.push(a64_ctx_ldr_str(false, 16, offsets.ms_func));
    for (off, v) in [
        (offsets.ms_frame, frame),
        (offsets.ms_argbytes, argbytes),
        (offsets.ms_ptrmask, ptrmask),
    ] {
        a64_mov_x16(w, v);
        w.push(a64_ctx_ldr_str(false, 16, off));
    }
    w.push(a64_ctx_ldr_str(true, 16, offsets.morestack)); // ldr x16, [x21, #morestack]
    w.push(0xd61f_0200); // br x16
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{isa, CodeKind};
    use cranelift_codegen::ir::Opcode;
    use cranelift_codegen::Context;

    /// `fib` as the compiler builds it: the check in the entry block, then the early
    /// return `if n < 2 { return n }`, then the calls.
    const FIB: &str = "
        function u0:0(i64) -> i64 tail {
            sig0 = (i64) -> i64 tail
            fn0 = colocated u0:0 sig0
        block0(v0: i64):
            v1 = get_stack_pointer.i64
            v2 = get_pinned_reg.i64
            v3 = load.i64 notrap aligned v2
            v4 = icmp ult v1, v3
            brif v4, block1, block2
        block1 cold:
            v5 = load.i64 notrap aligned v2+8
            return_call_indirect sig0, v5(v0)
        block2:
            v6 = iconst.i64 2
            v7 = icmp slt v0, v6
            brif v7, block3, block4
        block3:
            return v0
        block4:
            v8 = isub v0, v6
            v9 = call fn0(v8)
            v10 = isub v8, v6
            v11 = call fn0(v10)
            v12 = iadd v9, v11
            return v12
        }";

    fn parse(text: &str) -> Function {
        cranelift_reader::parse_functions(text)
            .expect("valid CLIF")
            .remove(0)
    }

    fn ops(f: &Function, b: Block) -> Vec<Opcode> {
        f.layout
            .block_insts(b)
            .map(|i| f.dfg.insts[i].opcode())
            .collect()
    }

    fn compiles(f: Function) {
        let isa = isa(None, CodeKind::Optimized).unwrap();
        let mut ctx = Context::for_function(f);
        ctx.compile(&*isa, &mut Default::default())
            .unwrap_or_else(|e| panic!("{:?}", e.inner));
    }

    #[test]
    fn the_check_moves_past_an_early_return() {
        let mut f = parse(FIB);
        assert!(sink_stack_check(&mut f), "{}", f.display());
        let entry = f.layout.entry_block().unwrap();
        // The entry does nothing but jump to the early return's test, which returns
        // without a check on one edge and checks on the other.
        assert_eq!(ops(&f, entry), [Opcode::Jump], "{}", f.display());
        let b3 = Block::from_u32(3);
        assert_eq!(ops(&f, b3), [Opcode::Return], "{}", f.display());
        let check = f
            .layout
            .blocks()
            .find(|&b| ops(&f, b).first() == Some(&Opcode::GetStackPointer))
            .expect("a block with the check");
        assert_eq!(
            ops(&f, check),
            [
                Opcode::GetStackPointer,
                Opcode::GetPinnedReg,
                Opcode::Load,
                Opcode::Icmp,
                Opcode::Brif
            ]
        );
        assert_eq!(
            f.block_successors(check).collect::<Vec<_>>(),
            [Block::from_u32(1), Block::from_u32(4)]
        );
        compiles(f);
    }

    #[test]
    fn a_prefix_with_an_effect_keeps_the_check_at_the_entry() {
        // A store before the early return's test: the check must stay first.
        let text = FIB.replace(
            "v6 = iconst.i64 2\n",
            "v6 = iconst.i64 2\n            store notrap aligned v6, v2+16\n",
        );
        let mut f = parse(&text);
        let before = f.display().to_string();
        assert!(!sink_stack_check(&mut f));
        assert_eq!(f.display().to_string(), before);
        // A call on the returning path: not an early return either.
        let text = FIB.replace(
            "            return v0\n",
            "            v13 = call fn0(v0)\n            return v13\n",
        );
        let mut f = parse(&text);
        assert!(!sink_stack_check(&mut f));
        // No check at the entry at all: nothing to move.
        let mut f = parse(
            "function u0:0(i64) -> i64 tail {
             block0(v0: i64):
                 return v0
             }",
        );
        assert!(!sink_stack_check(&mut f));
    }
}

//! Entry trampolines (the stack-ABI half of code generation): the SystemV functions
//! through which Rust calls a generated function, with the pinned register set to the
//! goroutine's context.

use super::lower::{import_gen_func, mf, I64};
use super::{func_name, Layout};
use crate::check::hir::{FuncId, Program};
use cranelift_codegen::ir::{self, AbiParam, InstBuilder, Signature, StackSlotData, StackSlotKind};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};

/// Builds the entry trampoline for `target`: a SystemV function
/// `(ctx, args, results)` that saves the pinned register, sets it to `ctx`, runs
/// `init` first when given, calls `target` with its `int`/`bool` arguments loaded from
/// `args` (8 bytes each), stores its results to `results` (8 bytes each) and restores
/// the pinned register. `name_index` is the trampoline's own name (namespace 0).
pub fn entry_trampoline(
    prog: &Program,
    layout: &Layout,
    target: FuncId,
    init: Option<FuncId>,
    name_index: u32,
    fctx: &mut FunctionBuilderContext,
) -> ir::Function {
    systemv_trampoline(name_index, fctx, |b, args, results| {
        if let Some(i) = init {
            let r = import_gen_func(b.func, i.0, layout.abi(i).sig.clone());
            let mut argv = Vec::new();
            if !layout.abi(i).ret_in_regs {
                let s = b.create_sized_stack_slot(StackSlotData::new(
                    StackSlotKind::ExplicitSlot,
                    layout.abi(i).result_area_size.max(8) as u32,
                    3,
                ));
                argv.push(b.ins().stack_addr(I64, s, 0));
            }
            b.ins().call(r, &argv);
        }
        let abi = layout.abi(target);
        let func = &prog.funcs[target.0 as usize];
        let r = import_gen_func(b.func, target.0, abi.sig.clone());
        let mut argv = Vec::new();
        let area = if abi.ret_in_regs {
            None
        } else {
            let s = b.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                abi.result_area_size.max(8) as u32,
                3,
            ));
            argv.push(b.ins().stack_addr(I64, s, 0));
            Some(s)
        };
        if abi.block.is_some() {
            // Every parameter is an `int` or `bool` (see `is_callable_from_rust`): the
            // argument array is the parameter block.
            argv.push(args);
        } else {
            for i in 0..func.params {
                argv.push(b.ins().load(I64, mf(), args, (i * 8) as i32));
            }
        }
        let call = b.ins().call(r, &argv);
        let rets = b.inst_results(call).to_vec();
        // The result area's address is taken again after the call: the call may have moved
        // the stack (copying), and this frame with it; an address computed before the call
        // and kept in a register would be stale (no stack map describes it).
        let area = area.map(|s| b.ins().stack_addr(I64, s, 0));
        for i in 0..func.results.len() {
            let v = match area {
                None => rets.get(i).copied().unwrap_or(rets[0]),
                Some(a) => b.ins().load(I64, mf(), a, (abi.result_offsets[i]) as i32),
            };
            b.ins().store(mf(), v, results, (i * 8) as i32);
        }
    })
}

/// Where `go f(args)` puts `f`'s arguments and result area in the block that the caller
/// builds in its frame and `host::go_spawn` copies (see [`go_trampoline`]). Every
/// offset is a multiple of 8.
#[derive(Clone, Debug)]
pub struct GoArgs {
    /// For each parameter: the offset of its value. An `int`, `bool` or channel
    /// parameter `i` is the 8-byte word at `8 * i` (so that the block's start is `f`'s
    /// parameter block when it has one); an array parameter's bytes follow those words.
    pub offsets: Vec<u64>,
    /// The offset of `f`'s result area, when its results do not come back in registers.
    pub area: Option<u64>,
    /// The block's size in bytes (a multiple of 8, at least 8).
    pub size: u64,
}

/// The argument block of `go f(...)` (see [`GoArgs`]).
pub fn go_args(prog: &Program, layout: &Layout, f: FuncId) -> GoArgs {
    let func = &prog.funcs[f.0 as usize];
    let params = &func.locals[..func.params];
    let mut size = 8 * params.len() as u64;
    let mut offsets = Vec::with_capacity(params.len());
    for (i, p) in params.iter().enumerate() {
        if p.ty.is_array() {
            offsets.push(size);
            size = size
                .saturating_add(super::type_size(&p.ty))
                .saturating_add(7)
                & !7;
        } else {
            offsets.push(8 * i as u64);
        }
    }
    let abi = layout.abi(f);
    let area = (!abi.ret_in_regs).then(|| {
        let a = size;
        size = size.saturating_add(abi.result_area_size);
        a
    });
    GoArgs {
        offsets,
        area,
        size: size.max(8),
    }
}

/// The name under which generated code refers to the entry trampoline of `go f(...)`
/// for function `f` (namespace 2, index `f`): the JIT points these references at the
/// trampoline it builds for `f` ([`go_trampoline`]).
pub const GO_ENTRY_NAMESPACE: u32 = 2;

/// Builds the entry trampoline through which a goroutine started by `go target(...)`
/// runs `target` (the runtime's `EntryFn`, `(ctx, args, results)`): it sets the pinned
/// register to `ctx` and calls `target` with its arguments from `args`, laid out as
/// [`go_args`] says (the runtime's copy of the block the `go` statement built): scalar
/// arguments are loaded from their words (or, with a parameter block, `args` is the
/// block), array parameters are passed by address (their copy in `args`, which lives as
/// long as the goroutine and which the callee owns), and the result area is in `args`
/// too, so that the trampoline's own frame stays small at the top of a new goroutine's
/// stack. The results are discarded (`results` is not used). It does not run `init`.
pub fn go_trampoline(
    prog: &Program,
    layout: &Layout,
    target: FuncId,
    name_index: u32,
    fctx: &mut FunctionBuilderContext,
) -> ir::Function {
    systemv_trampoline(name_index, fctx, |b, args, _results| {
        let abi = layout.abi(target);
        let ga = go_args(prog, layout, target);
        let func = &prog.funcs[target.0 as usize];
        let r = import_gen_func(b.func, target.0, abi.sig.clone());
        let mut argv = Vec::new();
        if let Some(a) = ga.area {
            argv.push(b.ins().iadd_imm_s(args, a as i64));
        }
        if abi.block.is_some() {
            argv.push(args);
        }
        for (i, loc) in abi.params.iter().enumerate() {
            if let super::ParamLoc::Cl(_) = loc {
                let off = ga.offsets[i] as i64;
                if func.locals[i].ty.is_array() {
                    argv.push(b.ins().iadd_imm_s(args, off));
                } else {
                    argv.push(b.ins().load(I64, mf(), args, off as i32));
                }
            }
        }
        b.ins().call(r, &argv);
    })
}

/// A SystemV function `(ctx, args, results)` named `name_index` that saves the pinned
/// register, sets it to `ctx`, runs `body` (given `args` and `results`), restores the
/// pinned register and returns: the frame of every trampoline.
fn systemv_trampoline(
    name_index: u32,
    fctx: &mut FunctionBuilderContext,
    body: impl FnOnce(&mut FunctionBuilder, ir::Value, ir::Value),
) -> ir::Function {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(I64));
    }
    let mut irf = ir::Function::with_name_signature(func_name(name_index), sig);
    let mut b = FunctionBuilder::new(&mut irf, fctx);
    let blk = b.create_block();
    b.append_block_params_for_function_params(blk);
    b.switch_to_block(blk);
    let p = b.block_params(blk).to_vec();
    let old = b.ins().get_pinned_reg(I64);
    b.ins().set_pinned_reg(p[0]);
    body(&mut b, p[1], p[2]);
    b.ins().set_pinned_reg(old);
    b.ins().return_(&[]);
    b.seal_all_blocks();
    b.finalize(cranelift_codegen::isa::TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    });
    irf
}

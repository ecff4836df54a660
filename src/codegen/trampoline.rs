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
    let (ctx, args, results) = (p[0], p[1], p[2]);
    let old = b.ins().get_pinned_reg(I64);
    b.ins().set_pinned_reg(ctx);
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

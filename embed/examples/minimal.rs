//! The smallest embedding: one hand-built recursive function, `sum(n) = n + sum(n - 1)`
//! with a 256-byte stack slot in every frame (any size works: a frame too deep for the
//! inline check gets a checking entry from `define_function`), run 100 000 deep (or `N`) on a stack that
//! starts at 8 KiB and grows. `cargo run -p morestack-cranelift --example minimal --
//! [fixed|segmented|copying] [N]`.

use cranelift_codegen::ir::{types::I64, InstBuilder, StackSlotData, StackSlotKind, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let cfg = match std::env::args().nth(1).as_deref().unwrap_or("segmented") {
        "fixed" => StackConfig::fixed(1 << 30),
        "copying" => StackConfig::copying(8 << 10, 1 << 30, false),
        _ => StackConfig::segmented(8 << 10, SegmentCache::Keep, 1 << 30),
    };
    let n: i64 = std::env::args().nth(2).map_or(Ok(100_000), |s| s.parse())?;
    let (total, s) = sum_on(cfg, n, 256)?;
    println!("sum({n}) = {total} ({} morestack calls)", s.morestack_calls);
    Ok(())
}

/// Builds `sum` with a `size`-byte stack slot, then runs `sum(n)` on a new stack object:
/// the result and the stack's statistics.
pub fn sum_on(cfg: StackConfig, n: i64, size: u32) -> Result<(i64, RunStats), Box<dyn Error>> {
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy))?;
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let sig = tail_signature(&[I64], &[I64]);
    let sum = module.declare_function("sum", Linkage::Local, &sig)?;
    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (sig, UserFuncName::user(0, sum.as_u32()));
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let n_param = begin_function(&mut b, &[])?[0];
    let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, size, 3));
    b.ins().stack_store(I64, n_param, slot, 0);
    let (recurse, done) = (b.create_block(), b.create_block());
    b.ins().brif(n_param, recurse, &[], done, &[]);
    b.switch_to_block(recurse);
    let me = module.declare_func_in_func(sum, b.func);
    let n1 = b.ins().iadd_imm_s(n_param, -1);
    let call = b.ins().call(me, &[n1]);
    let r = b.inst_results(call)[0];
    let n_again = b.ins().stack_load(I64, I64, slot, 0);
    let s = b.ins().iadd(r, n_again);
    b.ins().return_(&[s]);
    b.switch_to_block(done);
    b.ins().return_(&[n_param]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    let def = define_function(&mut module, sum, &mut ctx, &[], &mut fctx)?;
    let (tramp, shape) = define_entry_trampoline(&mut module, sum, "entry", &mut fctx)?;
    module.finalize_definitions()?;
    // SAFETY: `sum` was compiled with the stack check for this strategy, the reserve
    // covers its frame, the trampoline is `sum`'s, and the module outlives the calls.
    let _maps = unsafe { def.register(|id| module.get_finalized_function(id)) };
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    let mut stack: Stack = Stack::new(&StackConfig {
        reserve: def.reserve(),
        ..cfg
    })?;
    let (total,): (i64,) = unsafe { stack.call(&entry, (n,))? };
    Ok((total, stack.stats()))
}

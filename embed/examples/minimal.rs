//! The smallest embedding: one hand-built recursive function, `sum(n) = n + sum(n - 1)`
//! with a 256-byte stack slot in every frame, run 100 000 deep (or `N`) on a stack that
//! starts at 8 KiB and grows. `cargo run -p morestack-cranelift --example minimal --
//! [fixed|segmented|copying] [N]`.

use cranelift_codegen::ir::{types::I64, InstBuilder, StackSlotData, StackSlotKind, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cfg = match std::env::args().nth(1).as_deref().unwrap_or("segmented") {
        "fixed" => StackConfig::fixed(1 << 30),
        "copying" => StackConfig::copying(8 << 10, 1 << 30, false),
        _ => StackConfig::segmented(8 << 10, SegmentCache::Keep, 1 << 30),
    };
    let n: i64 = std::env::args().nth(2).map_or(Ok(100_000), |s| s.parse())?;
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy))?;
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let sig = tail_signature(&[I64], &[I64]);
    let sum = module.declare_function("sum", Linkage::Local, &sig)?;
    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (sig, UserFuncName::user(0, sum.as_u32()));
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let n_param = begin_function(&mut b, &[])?[0];
    let slot = StackSlotData::new(StackSlotKind::ExplicitSlot, 256, 3);
    let slot = b.create_sized_stack_slot(slot);
    b.ins().stack_store(I64, n_param, slot, 0);
    let (recurse, done) = (b.create_block(), b.create_block());
    b.ins().brif(n_param, recurse, &[], done, &[]);
    b.switch_to_block(recurse);
    let me = module.declare_func_in_func(sum, b.func);
    let n1 = b.ins().iadd_imm_s(n_param, -1);
    let r = b.ins().call(me, &[n1]);
    let r = b.inst_results(r)[0];
    let n_again = b.ins().stack_load(I64, I64, slot, 0);
    let s = b.ins().iadd(r, n_again);
    b.ins().return_(&[s]);
    b.switch_to_block(done);
    b.ins().return_(&[n_param]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    if cfg.strategy == Strategy::Copying {
        // Relocatable code: optimized, then no stack address left in a register across
        // the call (the slot's address is recomputed after it).
        reloc::optimize_relocatable(&mut ctx, module.isa(), &[])?;
    }
    module.define_function(sum, &mut ctx)?;
    let info = FunctionInfo::of(ctx.compiled_code().expect("compiled"))?;
    let (tramp, shape) = define_entry_trampoline(&mut module, sum, "entry", &mut fctx)?;
    module.finalize_definitions()?;
    // SAFETY: `sum` was compiled with the stack check for this strategy, the reserve
    // covers its frame, the trampoline is `sum`'s, and the module outlives the calls.
    let _maps = unsafe { info.register(module.get_finalized_function(sum)) };
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    let mut stack: Stack = Stack::new(&StackConfig {
        reserve: info.reserve(),
        ..cfg
    })?;
    let (total,): (i64,) = unsafe { stack.call(&entry, (n,))? };
    assert_eq!(total, n * (n + 1) / 2);
    println!(
        "sum({n}) = {total} ({} morestack calls)",
        stack.stats().morestack_calls
    );
    Ok(())
}

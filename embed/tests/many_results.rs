//! Functions returning as many values as Cranelift's `Tail` convention allows (8 on
//! x86-64, 6 on AArch64, all in registers; more need a `StructReturn` parameter, which
//! Cranelift asks for and `arg_layout` refuses) keep them when a stack grows, moves or
//! splits under them: `rec(n)` returns them through morestack restarts and lessstack's
//! return paths.

use cranelift_codegen::ir::{types::I64, InstBuilder, StackSlotData, StackSlotKind, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;

/// The most results Cranelift 0.135's `Tail` convention returns (all in registers).
const K: usize = if cfg!(target_arch = "aarch64") { 6 } else { 8 };

/// rec(n) = if n == 0 { (0, 1, ..., K - 1) } else { rec(n - 1) with result i increased by
/// i + n }; a 512-byte slot per frame. top(n) = sum of rec(n)'s results * (index + 1).
fn run(cfg: StackConfig, n: i64) -> (i64, RunStats) {
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy)).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let rec_sig = tail_signature(&[I64], &[I64; K]);
    let rec = module
        .declare_function("rec", Linkage::Local, &rec_sig)
        .unwrap();
    let top_sig = tail_signature(&[I64], &[I64]);
    let top = module
        .declare_function("top", Linkage::Local, &top_sig)
        .unwrap();
    let mut fctx = FunctionBuilderContext::new();

    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (rec_sig, UserFuncName::user(0, rec.as_u32()));
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let p = begin_function(&mut b, &[]).unwrap();
    let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 512, 3));
    b.ins().stack_store(I64, p[0], slot, 0);
    let (bottom, recurse) = (b.create_block(), b.create_block());
    b.ins().brif(p[0], recurse, &[], bottom, &[]);
    b.switch_to_block(bottom);
    let base: Vec<_> = (0..K as i64).map(|i| b.ins().iconst(I64, i)).collect();
    b.ins().return_(&base);
    b.switch_to_block(recurse);
    let me = module.declare_func_in_func(rec, b.func);
    let n1 = b.ins().iadd_imm_s(p[0], -1);
    let call = b.ins().call(me, &[n1]);
    let rs = b.inst_results(call).to_vec();
    let n_again = b.ins().stack_load(I64, I64, slot, 0);
    let out: Vec<_> = rs
        .iter()
        .enumerate()
        .map(|(i, &r)| {
            let r = b.ins().iadd(r, n_again);
            b.ins().iadd_imm_s(r, i as i64)
        })
        .collect();
    b.ins().return_(&out);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    let rec_def = define_function(&mut module, rec, &mut ctx, &[], &mut fctx).unwrap();

    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (top_sig, UserFuncName::user(0, top.as_u32()));
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let p = begin_function(&mut b, &[]).unwrap();
    let rec_ref = module.declare_func_in_func(rec, b.func);
    let call = b.ins().call(rec_ref, &[p[0]]);
    let rs = b.inst_results(call).to_vec();
    let mut sum = b.ins().iconst(I64, 0);
    for (i, &r) in rs.iter().enumerate() {
        let w = b.ins().imul_imm_s(r, i as i64 + 1);
        sum = b.ins().iadd(sum, w);
    }
    b.ins().return_(&[sum]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    let top_def = define_function(&mut module, top, &mut ctx, &[], &mut fctx).unwrap();

    let (tramp, shape) = define_entry_trampoline(&mut module, top, "entry", &mut fctx).unwrap();
    module.finalize_definitions().unwrap();
    // SAFETY: the code lives in `module`, which outlives the registrations and the call.
    let _m1 = unsafe { rec_def.register(|id| module.get_finalized_function(id)) };
    let _m2 = unsafe { top_def.register(|id| module.get_finalized_function(id)) };
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    let reserve = rec_def.reserve().max(top_def.reserve());
    let mut stack: Stack = Stack::new(&StackConfig { reserve, ..cfg }).unwrap();
    // SAFETY: compiled for this strategy, with its reserve and registered maps.
    let (r,): (i64,) = unsafe { stack.call(&entry, (n,)) }.unwrap();
    (r, stack.stats())
}

#[test]
fn all_register_results_through_morestack_and_lessstack() {
    let n = 3000i64;
    // Result i of rec(n) is i + n * i + n (n + 1) / 2.
    let want: i64 = (0..K as i64)
        .map(|i| (i + n * i + n * (n + 1) / 2) * (i + 1))
        .sum();
    for cfg in [
        StackConfig::fixed(1 << 30),
        StackConfig::segmented(4 << 10, SegmentCache::None, 1 << 30),
        StackConfig::segmented(4 << 10, SegmentCache::Keep, 1 << 30),
        StackConfig::copying(4 << 10, 1 << 30, false),
        StackConfig::copying(2 << 10, 1 << 30, true),
    ] {
        let (r, s) = run(cfg, n);
        assert_eq!(r, want, "{s:?}");
        if s.strategy != Strategy::Fixed {
            assert!(s.morestack_calls >= 5, "{s:?}");
        }
    }
}

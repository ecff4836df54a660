//! `define_function` with frames deeper than any reserve: a 16 KiB stack slot per frame,
//! a pointer parameter into the caller's slot (relocated by the checking entry's restart
//! and, across the call, by the body's stack maps), and 40 parameters, most of them passed
//! on the stack (their checking entry is written directly), under every strategy.

use cranelift_codegen::ir::{condcodes::IntCC, UserFuncName};
use cranelift_codegen::ir::{types::I64, InstBuilder, MemFlagsData, StackSlotData, StackSlotKind};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;

const EXTRA: usize = 38;

/// `walk(n, p, e[38])`: `v = p ? *p : 0; slot[0] = n; if n == 0 { v + sum(e) } else
/// { walk(n - 1, &slot, e) + v + (p ? *p : 0) + slot[0] }`.
fn walk(n: i64, p: Option<i64>, e: i64) -> i64 {
    let v = p.unwrap_or(0);
    if n == 0 {
        return v + e;
    }
    walk(n - 1, Some(n), e) + v + p.unwrap_or(0) + n
}

fn run(cfg: StackConfig, n: i64) -> (i64, RunStats) {
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy)).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let sig = tail_signature(&[I64; 2 + EXTRA], &[I64]);
    let id = module
        .declare_function("walk", Linkage::Local, &sig)
        .unwrap();
    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (sig, UserFuncName::user(0, id.as_u32()));
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let ps = begin_function(&mut b, &[1]).unwrap();
    let (n_, p) = (ps[0], ps[1]);
    let slot =
        b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16 << 10, 3));
    let flags = MemFlagsData::trusted();
    // deref(p) = p ? *p : 0
    let deref = |b: &mut FunctionBuilder| {
        let (yes, join) = (b.create_block(), b.create_block());
        b.append_block_param(join, I64);
        let zero = b.ins().iconst(I64, 0);
        b.ins().brif(p, yes, &[], join, &[zero.into()]);
        b.switch_to_block(yes);
        let v = b.ins().load(I64, flags, p, 0);
        b.ins().jump(join, &[v.into()]);
        b.switch_to_block(join);
        b.block_params(join)[0]
    };
    let v = deref(&mut b);
    b.ins().stack_store(I64, n_, slot, 0);
    let (bottom, recurse) = (b.create_block(), b.create_block());
    let is0 = b.ins().icmp_imm_s(IntCC::Equal, n_, 0);
    b.ins().brif(is0, bottom, &[], recurse, &[]);
    b.switch_to_block(bottom);
    let mut s = v;
    for &e in &ps[2..] {
        s = b.ins().iadd(s, e);
    }
    b.ins().return_(&[s]);
    b.switch_to_block(recurse);
    let me = module.declare_func_in_func(id, b.func);
    let mut args = vec![b.ins().iadd_imm_s(n_, -1), b.ins().stack_addr(I64, slot, 0)];
    args.extend_from_slice(&ps[2..]);
    let call = b.ins().call(me, &args);
    let r = b.inst_results(call)[0];
    let w = deref(&mut b);
    let own = b.ins().stack_load(I64, I64, slot, 0);
    let r = b.ins().iadd(r, v);
    let r = b.ins().iadd(r, w);
    let r = b.ins().iadd(r, own);
    b.ins().return_(&[r]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    let def = define_function(&mut module, id, &mut ctx, &[1], &mut fctx).unwrap();
    assert!(def.body.is_some(), "a 16 KiB frame gets a checking entry");
    // 40 parameters: the entry is written directly (it writes nothing before its check).
    assert_eq!(def.reserve(), 16);
    // top(n) = walk(n, 0, 1, 2, ..., 38): the entry trampoline's caller.
    let top_sig = tail_signature(&[I64], &[I64]);
    let top = module
        .declare_function("top", Linkage::Local, &top_sig)
        .unwrap();
    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (top_sig, UserFuncName::user(0, top.as_u32()));
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let ps = begin_function(&mut b, &[]).unwrap();
    let mut args = vec![ps[0], b.ins().iconst(I64, 0)];
    for i in 1..=EXTRA as i64 {
        args.push(b.ins().iconst(I64, i));
    }
    let walk_ref = module.declare_func_in_func(id, b.func);
    let call = b.ins().call(walk_ref, &args);
    let r = b.inst_results(call)[0];
    b.ins().return_(&[r]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    let top_def = define_function(&mut module, top, &mut ctx, &[], &mut fctx).unwrap();
    let (tramp, shape) = define_entry_trampoline(&mut module, top, "entry", &mut fctx).unwrap();
    module.finalize_definitions().unwrap();
    // SAFETY: the ids' code lives in `module`, which outlives the registrations and calls.
    let _maps = unsafe { def.register(|id| module.get_finalized_function(id)) };
    let _top_maps = unsafe { top_def.register(|id| module.get_finalized_function(id)) };
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    let mut stack: Stack = Stack::new(&StackConfig {
        reserve: def.reserve().max(top_def.reserve()),
        ..cfg
    })
    .unwrap();
    // SAFETY: compiled for this strategy, with its reserve and registered maps.
    let (r,): (i64,) = unsafe { stack.call(&entry, (n,)) }.unwrap();
    (r, stack.stats())
}

#[test]
fn deep_frames_pointer_and_stack_parameters() {
    let n = 2000;
    let want = walk(n, None, (1..=EXTRA as i64).sum());
    for cfg in [
        StackConfig::fixed(1 << 30),
        StackConfig::segmented(8 << 10, SegmentCache::None, 1 << 30),
        StackConfig::copying(8 << 10, 1 << 30, false),
        StackConfig::copying(2 << 10, 1 << 30, true),
    ] {
        let (r, s) = run(cfg, n);
        assert_eq!(r, want, "{s:?}");
        assert!(s.peak_stack >= (n as usize) << 14, "{s:?}");
        if let Some(c) = &s.copying {
            assert!(c.pointers_adjusted >= n as u64, "{s:?}");
        }
    }
}

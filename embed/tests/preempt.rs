//! Preemption (issue 12): a goroutine that loops calling compiled functions, and never
//! blocks, is preempted through its stack guard every 10 ms, so the others run.

use std::cell::Cell;

use cranelift_codegen::ir::{
    condcodes::IntCC, types::I64, InstBuilder, StackSlotData, StackSlotKind, UserFuncName,
};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;
use morestack_runtime::host;

thread_local! {
    static FLAG: Cell<i64> = const { Cell::new(0) };
}

unsafe extern "C" fn set_flag(_ctx: *mut Context, v: i64) -> i64 {
    FLAG.with(|f| f.set(v));
    0
}

unsafe extern "C" fn flag(_ctx: *mut Context) -> i64 {
    FLAG.with(|f| f.get())
}

/// main(limit): `go setter(7)`, then spins calling `rec(3)` until the flag is set (only
/// a preemption lets `setter` run: main never blocks) or `limit` iterations passed;
/// returns the flag, or -1.
fn build(cfg: &StackConfig) -> (JITModule, Entry, Vec<Registration>, usize) {
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy)).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let sig1 = tail_signature(&[I64], &[I64]);
    let main = module
        .declare_function("main", Linkage::Local, &sig1)
        .unwrap();
    let setter = module
        .declare_function("setter", Linkage::Local, &sig1)
        .unwrap();
    let rec = module
        .declare_function("rec", Linkage::Local, &sig1)
        .unwrap();
    let setter_entry = module
        .declare_function("setter_entry", Linkage::Local, &entry_signature())
        .unwrap();
    let mut fctx = FunctionBuilderContext::new();
    let mut defs = Vec::new();
    // rec(n): 256-byte frames.
    {
        let mut ctx = module.make_context();
        (ctx.func.signature, ctx.func.name) = (sig1.clone(), UserFuncName::user(0, rec.as_u32()));
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let p = begin_function(&mut b, &[]).unwrap();
        let slot =
            b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 256, 3));
        b.ins().stack_store(I64, p[0], slot, 0);
        let (r, done) = (b.create_block(), b.create_block());
        b.ins().brif(p[0], r, &[], done, &[]);
        b.switch_to_block(r);
        let me = module.declare_func_in_func(rec, b.func);
        let n1 = b.ins().iadd_imm_s(p[0], -1);
        let c = b.ins().call(me, &[n1]);
        let v = b.inst_results(c)[0];
        let again = b.ins().stack_load(I64, I64, slot, 0);
        let s = b.ins().iadd(v, again);
        b.ins().return_(&[s]);
        b.switch_to_block(done);
        b.ins().return_(&[p[0]]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
        defs.push(define_function(&mut module, rec, &mut ctx, &[], &mut fctx).unwrap());
    }
    // setter(v): set_flag(v).
    {
        let mut ctx = module.make_context();
        (ctx.func.signature, ctx.func.name) =
            (sig1.clone(), UserFuncName::user(0, setter.as_u32()));
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let p = begin_function(&mut b, &[]).unwrap();
        emit_host_call(&mut b, set_flag as *const () as usize, &[p[0]], &[I64]).unwrap();
        b.ins().return_(&[p[0]]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
        defs.push(define_function(&mut module, setter, &mut ctx, &[], &mut fctx).unwrap());
    }
    // main(limit).
    {
        let mut ctx = module.make_context();
        (ctx.func.signature, ctx.func.name) = (sig1.clone(), UserFuncName::user(0, main.as_u32()));
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let p = begin_function(&mut b, &[]).unwrap();
        // go setter(7): one 16-byte argument slot, through the in-place thunk.
        let t = module.declare_func_in_func(setter_entry, b.func);
        let entry = b.ins().func_addr(I64, t);
        let slot =
            b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 16, 4));
        let seven = b.ins().iconst(I64, 7);
        b.ins().stack_store(I64, seven, slot, 0);
        let args = b.ins().stack_addr(I64, slot, 0);
        let two = b.ins().iconst(I64, 2);
        let mut sig =
            cranelift_codegen::ir::Signature::new(cranelift_codegen::isa::CallConv::SystemV);
        for _ in 0..4 {
            sig.params.push(cranelift_codegen::ir::AbiParam::new(I64));
        }
        sig.returns.push(cranelift_codegen::ir::AbiParam::new(I64));
        let sigref = b.import_signature(sig);
        let thunk = b
            .ins()
            .iconst(I64, morestack_runtime::hostcall_thunk_in_place() as i64);
        let f = b
            .ins()
            .iconst(I64, host::go_spawn as *const () as usize as i64);
        b.ins().call_indirect(sigref, thunk, &[f, entry, args, two]);
        // The spin loop.
        let head = b.create_block();
        let body = b.create_block();
        let fail = b.create_block();
        let done = b.create_block();
        b.append_block_param(head, I64);
        b.append_block_param(done, I64);
        let zero = b.ins().iconst(I64, 0);
        b.ins().jump(head, &[zero.into()]);
        b.switch_to_block(head);
        let i = b.block_params(head)[0];
        let over = b.ins().icmp(IntCC::SignedGreaterThan, i, p[0]);
        b.ins().brif(over, fail, &[], body, &[]);
        b.switch_to_block(body);
        let r = module.declare_func_in_func(rec, b.func);
        let three = b.ins().iconst(I64, 3);
        b.ins().call(r, &[three]);
        let fl = emit_host_call(&mut b, flag as *const () as usize, &[], &[I64]).unwrap()[0];
        let i1 = b.ins().iadd_imm_s(i, 1);
        b.ins().brif(fl, done, &[fl.into()], head, &[i1.into()]);
        b.switch_to_block(fail);
        let m1 = b.ins().iconst(I64, -1);
        b.ins().return_(&[m1]);
        b.switch_to_block(done);
        let v = b.block_params(done)[0];
        b.ins().return_(&[v]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
        defs.push(define_function(&mut module, main, &mut ctx, &[], &mut fctx).unwrap());
    }
    // Trampolines: setter's (for go) and main's.
    {
        let mut f = cranelift_codegen::ir::Function::with_name_signature(
            UserFuncName::user(0, setter_entry.as_u32()),
            entry_signature(),
        );
        let target = module.declare_func_in_func(setter, &mut f);
        build_entry_trampoline(&mut f, &mut fctx, target).unwrap();
        let mut ctx = module.make_context();
        ctx.func = f;
        module.define_function(setter_entry, &mut ctx).unwrap();
    }
    let (main_entry, shape) =
        define_entry_trampoline(&mut module, main, "main_entry", &mut fctx).unwrap();
    module.finalize_definitions().unwrap();
    let regs = defs
        .iter()
        // SAFETY: the module outlives the registrations.
        .map(|d| unsafe { d.register(|id| module.get_finalized_function(id)) })
        .collect();
    let reserve = defs.iter().map(|d| d.reserve()).max().unwrap();
    // SAFETY: main's trampoline, alive with the module.
    let entry = unsafe { Entry::new(module.get_finalized_function(main_entry), shape) };
    (module, entry, regs, reserve)
}

#[test]
fn a_spinning_goroutine_is_preempted_through_its_guard() {
    for cfg in [
        StackConfig::fixed(256 << 10),
        StackConfig::segmented(2 << 10, SegmentCache::Keep, 1 << 30),
        StackConfig::copying(2 << 10, 1 << 30, false),
        StackConfig::copying(2 << 10, 1 << 30, true),
    ] {
        let (_module, entry, _regs, reserve) = build(&cfg);
        let mut stack: Stack<String> = Stack::new(&StackConfig {
            reserve,
            ..cfg.clone()
        })
        .unwrap();
        FLAG.with(|f| f.set(0));
        let t0 = std::time::Instant::now();
        // SAFETY: compiled for this strategy with its reserve.
        let r: Result<(i64,), _> = unsafe { stack.call(&entry, (2_000_000_000i64,)) };
        assert_eq!(r, Ok((7,)), "{cfg:?}");
        let s = stack.stats();
        let g = s.goroutines.unwrap();
        assert!(g.preemptions >= 1, "{g:?}");
        // About one period (10 ms), far below the limit's many seconds.
        assert!(
            t0.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            t0.elapsed()
        );
    }
}

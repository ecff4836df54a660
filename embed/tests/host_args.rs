//! Host functions of any arity (`emit_host_call_in_memory`): fifteen arguments of mixed
//! types, passed at the bottom of a recursion whose stack has grown (and, in the stress
//! mode, moved at every growth), reach the host function intact, and the host function
//! can end the call with the embedder's own error.

use cranelift_codegen::ir::{
    types::{I64, I8},
    InstBuilder, StackSlotData, StackSlotKind, UserFuncName,
};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;

/// The host function: checks its fifteen arguments against what `deep` passes for `n`
/// (the recursion depth) and returns a checksum of them;
/// a negative depth argument makes it fail on purpose, with the embedder's error.
unsafe extern "C" fn many(ctx: *mut Context, args: *const [u64; 2], n: usize) -> i64 {
    // SAFETY: called by code from emit_host_call_in_memory with these very arguments.
    let a = unsafe { HostArgs::new(args, n) };
    assert_eq!(a.len(), 15);
    let depth: i64 = a.get(0).unwrap();
    if depth < 0 {
        // SAFETY: ctx is the running call's context; nothing here needs Drop.
        unsafe { fail(ctx, format!("failed at {depth}")) }
    }
    let mut sum = 0i64;
    for i in 1..11 {
        let v: i64 = a.get(i).unwrap();
        assert_eq!(v, depth * 100 + i as i64, "argument {i}");
        sum += v;
    }
    let x: f64 = a.get(11).unwrap();
    let y: f64 = a.get(12).unwrap();
    let z: f32 = a.get(13).unwrap();
    let small: i64 = a.get(14).unwrap(); // an i8, sign-extended
    assert_eq!((x, y, z, small), (1.5, -2.25, 0.5, -7));
    assert!(a.get::<i64>(15).is_none());
    sum + (x + y) as i64 + z as i64 + small
}

/// `deep(n)`: a 256-byte frame per level down to `n == 0`... written as
/// `deep(n, m) = if n == 0 { many(m, m*100+1 .. m*100+10, 1.5, -2.25, 0.5f32, -7i8) } else { deep(n - 1, m) }`.
fn build(cfg: &StackConfig) -> (JITModule, Entry, FunctionInfo, *const u8) {
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy)).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let sig = tail_signature(&[I64, I64], &[I64]);
    let deep = module
        .declare_function("deep", Linkage::Local, &sig)
        .unwrap();
    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (sig, UserFuncName::user(0, deep.as_u32()));
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let p = begin_function(&mut b, &[]).unwrap();
    let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 256, 3));
    b.ins().stack_store(I64, p[0], slot, 0);
    let (recurse, bottom) = (b.create_block(), b.create_block());
    b.ins().brif(p[0], recurse, &[], bottom, &[]);
    b.switch_to_block(recurse);
    let me = module.declare_func_in_func(deep, b.func);
    let n1 = b.ins().iadd_imm_s(p[0], -1);
    let call = b.ins().call(me, &[n1, p[1]]);
    let r = b.inst_results(call)[0];
    let again = b.ins().stack_load(I64, I64, slot, 0);
    let r = b.ins().iadd(r, again);
    b.ins().return_(&[r]);
    b.switch_to_block(bottom);
    let mut args = vec![p[1]];
    let base = b.ins().imul_imm_s(p[1], 100);
    for i in 1..11 {
        args.push(b.ins().iadd_imm_s(base, i));
    }
    args.push(b.ins().f64const(1.5));
    args.push(b.ins().f64const(-2.25));
    args.push(b.ins().f32const(0.5));
    args.push(b.ins().iconst(I8, -7));
    let r = emit_host_call_in_memory(&mut b, many as *const () as usize, &args, &[I64]).unwrap()[0];
    b.ins().return_(&[r]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    module.define_function(deep, &mut ctx).unwrap();
    let info = FunctionInfo::of(ctx.compiled_code().unwrap()).unwrap();
    let (tramp, shape) = define_entry_trampoline(&mut module, deep, "entry", &mut fctx).unwrap();
    module.finalize_definitions().unwrap();
    let code = module.get_finalized_function(deep);
    // SAFETY: the trampoline is `deep`'s and the module outlives every use.
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    (module, entry, info, code)
}

#[test]
fn fifteen_arguments_through_memory_at_the_bottom_of_a_grown_stack() {
    let max = 1 << 30;
    for (name, cfg) in [
        ("fixed", StackConfig::fixed(max)),
        (
            "segmented",
            StackConfig::segmented(8 << 10, SegmentCache::None, max),
        ),
        ("copying", StackConfig::copying(8 << 10, max, false)),
        (
            "copying, force_move",
            StackConfig::copying(2 << 10, max, true),
        ),
    ] {
        let (_module, entry, info, code) = build(&cfg);
        // SAFETY: `code` is `deep`'s code, mapped while the module lives.
        let _maps = unsafe { info.register(code) };
        let mut stack: Stack<String> = Stack::new(&StackConfig {
            reserve: info.reserve(),
            ..cfg
        })
        .unwrap();
        let depth = 2000i64;
        let expect = (1..11).map(|i| 7 * 100 + i).sum::<i64>() - 7 + depth * (depth + 1) / 2;
        // SAFETY: the entry is `deep`'s, compiled for this strategy with its reserve.
        let r: Result<(i64,), _> = unsafe { stack.call(&entry, (depth, 7i64)) };
        assert_eq!(r, Ok((expect,)), "{name}");
        let s = stack.stats();
        if name != "fixed" {
            assert!(s.morestack_calls >= 5, "{name}: the stack grew: {s:?}");
        }
        // The host function fails with the embedder's error; the stack is usable after.
        let r: Result<(i64,), _> = unsafe { stack.call(&entry, (depth, -1i64)) };
        assert_eq!(
            r,
            Err(CallError::Host("failed at -1".to_string())),
            "{name}"
        );
        let r: Result<(i64,), _> = unsafe { stack.call(&entry, (3i64, 7i64)) };
        assert_eq!(r, Ok((expect - depth * (depth + 1) / 2 + 6,)), "{name}");
    }
}

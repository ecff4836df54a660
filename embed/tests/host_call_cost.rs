//! The cost of a host call through the thunk, for comparisons (ignored: run with
//! `cargo test --release -p morestack-cranelift --test host_call_cost -- --ignored
//! --nocapture`): a loop of 20 million calls of a trivial host function on a single
//! stack (no goroutines: the thunk's switch check is the only difference goroutines
//! make to it).

use cranelift_codegen::ir::{condcodes::IntCC, types::I64, InstBuilder, UserFuncName};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, Linkage, Module};
use morestack_cranelift::*;

unsafe extern "C" fn add(_ctx: *mut Context, a: i64) -> i64 {
    a + 1
}

#[test]
#[ignore]
fn host_call_cost() {
    let cfg = StackConfig::copying(8 << 10, 1 << 30, false);
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy)).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let sig = tail_signature(&[I64], &[I64]);
    let f = module.declare_function("f", Linkage::Local, &sig).unwrap();
    let mut ctx = module.make_context();
    (ctx.func.signature, ctx.func.name) = (sig, UserFuncName::user(0, f.as_u32()));
    let mut fctx = FunctionBuilderContext::new();
    let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
    let n = begin_function(&mut b, &[]).unwrap()[0];
    let (head, body, exit) = (b.create_block(), b.create_block(), b.create_block());
    b.append_block_param(head, I64);
    b.append_block_param(head, I64);
    let zero = b.ins().iconst(I64, 0);
    b.ins().jump(head, &[zero.into(), zero.into()]);
    b.switch_to_block(head);
    let (i, acc) = (b.block_params(head)[0], b.block_params(head)[1]);
    let more = b.ins().icmp(IntCC::SignedLessThan, i, n);
    b.ins().brif(more, body, &[], exit, &[]);
    b.switch_to_block(body);
    let r = emit_host_call(&mut b, add as *const () as usize, &[acc], &[I64]).unwrap()[0];
    let i1 = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(head, &[i1.into(), r.into()]);
    b.switch_to_block(exit);
    b.ins().return_(&[acc]);
    b.seal_all_blocks();
    b.finalize(module.target_config());
    let def = define_function(&mut module, f, &mut ctx, &[], &mut fctx).unwrap();
    let (tramp, shape) = define_entry_trampoline(&mut module, f, "entry", &mut fctx).unwrap();
    module.finalize_definitions().unwrap();
    // SAFETY: compiled with the stack check; the module outlives the calls.
    let _maps = unsafe { def.register(|id| module.get_finalized_function(id)) };
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    let mut stack: Stack = Stack::new(&StackConfig {
        reserve: def.reserve(),
        ..cfg
    })
    .unwrap();
    let n = 20_000_000i64;
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        // SAFETY: as above.
        let (r,): (i64,) = unsafe { stack.call(&entry, (n,)) }.unwrap();
        assert_eq!(r, n);
        best = best.min(t.elapsed().as_secs_f64() * 1e9 / n as f64);
    }
    eprintln!("host call: {best:.2} ns");
}

//! Tiny Cranelift-built programs for the signal and trap tests: an entry trampoline
//! ([`morestack_runtime::EntryFn`]) and target functions (Tail convention), JIT-compiled
//! with `morestack::codegen::make_isa_for` as the compiler does, with every trap the
//! code contains registered with the runtime ([`morestack_runtime::register_traps`])
//! when asked.

#![allow(dead_code)]

use cranelift_codegen::ir::{
    self, condcodes::IntCC, types::I64, AbiParam, InstBuilder, MemFlagsData, Signature, TrapCode,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module};
use morestack_runtime::EntryFn;

/// The body of a target function: `(builder, params) -> result`.
pub type Body = fn(&mut FunctionBuilder, &[ir::Value]) -> ir::Value;

/// A JIT-compiled target with its entry trampoline. Unregisters its traps and frees its
/// code on drop.
pub struct Jit {
    module: Option<JITModule>,
    /// The entry trampoline: `results[0] = target(args[0..params])`.
    pub entry: EntryFn,
    /// Every trap of the target: (absolute address, raw code).
    pub traps: Vec<(usize, u8)>,
    registered: bool,
}

// SAFETY: after finalization the module is never mutated (only freed, on drop); its code
// is immutable and may run on any thread (as `morestack::jit::JitProgram`).
unsafe impl Send for Jit {}
// SAFETY: as for Send.
unsafe impl Sync for Jit {}

impl Drop for Jit {
    fn drop(&mut self) {
        if self.registered {
            let pcs: Vec<usize> = self.traps.iter().map(|t| t.0).collect();
            morestack_runtime::unregister_traps(&pcs);
        }
        if let Some(m) = self.module.take() {
            // SAFETY: no code of this module runs any more.
            unsafe { m.free_memory() };
        }
    }
}

/// Compiles a target `fn(i64 x params) -> i64` (Tail convention) with `body`, and its
/// entry trampoline (SysV `EntryFn`: sets the pinned register to `ctx`, loads the
/// arguments from `args`, calls the target, stores its result to `results[0]`).
/// Registers the target's traps with the runtime when `register` is set.
pub fn compile(params: usize, body: Body, register: bool) -> Jit {
    let opts = morestack::codegen::Options {
        stack_check: false,
        relocatable: false,
        skip_reloc_pass: false,
        aot: false,
    };
    let isa = morestack::codegen::make_isa_for(None, &opts).expect("isa");
    let builder = JITBuilder::with_isa(isa, cranelift_module::default_libcall_names());
    let mut module = JITModule::new(builder);
    let mut fctx = FunctionBuilderContext::new();

    let mut tsig = Signature::new(CallConv::Tail);
    for _ in 0..params {
        tsig.params.push(AbiParam::new(I64));
    }
    tsig.returns.push(AbiParam::new(I64));
    let tid = module
        .declare_function("target", Linkage::Local, &tsig)
        .unwrap();
    let mut ctx = module.make_context();
    ctx.func.signature = tsig.clone();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let r = body(&mut b, &p);
        b.ins().return_(&[r]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
    }
    module.define_function(tid, &mut ctx).unwrap();
    let offsets: Vec<(u32, u8)> = ctx
        .compiled_code()
        .unwrap()
        .buffer
        .traps()
        .iter()
        .map(|t| (t.offset, t.code.as_raw().get()))
        .collect();
    module.clear_context(&mut ctx);

    let mut esig = Signature::new(CallConv::SystemV);
    for _ in 0..3 {
        esig.params.push(AbiParam::new(I64));
    }
    let eid = module
        .declare_function("entry", Linkage::Local, &esig)
        .unwrap();
    ctx.func.signature = esig;
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let (c, args, results) = (p[0], p[1], p[2]);
        b.ins().set_pinned_reg(c);
        let f = module.declare_func_in_func(tid, b.func);
        let argv: Vec<ir::Value> = (0..params)
            .map(|i| {
                b.ins()
                    .load(I64, MemFlagsData::trusted(), args, (i * 8) as i32)
            })
            .collect();
        let call = b.ins().call(f, &argv);
        let r = b.inst_results(call)[0];
        b.ins().store(MemFlagsData::trusted(), r, results, 0);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
    }
    module.define_function(eid, &mut ctx).unwrap();
    module.clear_context(&mut ctx);
    module.finalize_definitions().unwrap();

    let base = module.get_finalized_function(tid) as usize;
    let traps: Vec<(usize, u8)> = offsets
        .iter()
        .map(|&(off, code)| (base + off as usize, code))
        .collect();
    if register {
        morestack_runtime::register_traps(&traps);
    }
    let ptr = module.get_finalized_function(eid);
    // SAFETY: the trampoline was built with exactly the `EntryFn` signature.
    let entry = unsafe { std::mem::transmute::<*const u8, EntryFn>(ptr) };
    Jit {
        module: Some(module),
        entry,
        traps,
        registered: register,
    }
}

/// `target(t, f, a, b) = t(f, a, b, 0)`: a host call through the thunk `t` (SysV).
pub fn host_call_body(b: &mut FunctionBuilder, p: &[ir::Value]) -> ir::Value {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..4 {
        sig.params.push(AbiParam::new(I64));
    }
    sig.returns.push(AbiParam::new(I64));
    let sref = b.import_signature(sig);
    let zero = b.ins().iconst(I64, 0);
    let call = b.ins().call_indirect(sref, p[0], &[p[1], p[2], p[3], zero]);
    b.inst_results(call)[0]
}

/// `target(x) = x + 1`, trapping with user code 42 when `x != 0`.
pub fn trap_user_body(b: &mut FunctionBuilder, p: &[ir::Value]) -> ir::Value {
    b.ins().trapnz(p[0], TrapCode::user(42).unwrap());
    b.ins().iadd_imm_s(p[0], 1)
}

/// `target(x) = 7`, trapping with user code 42 when `x == 0` (an unconditional trap
/// in a block of its own).
pub fn trap_block_body(b: &mut FunctionBuilder, p: &[ir::Value]) -> ir::Value {
    let trap = b.create_block();
    let ok = b.create_block();
    let zero = b.ins().icmp_imm_s(IntCC::Equal, p[0], 0);
    b.ins().brif(zero, trap, &[], ok, &[]);
    b.switch_to_block(trap);
    b.ins().trap(TrapCode::user(42).unwrap());
    b.switch_to_block(ok);
    b.ins().iconst(I64, 7)
}

/// `target(a, b) = a / b` (signed).
pub fn sdiv_body(b: &mut FunctionBuilder, p: &[ir::Value]) -> ir::Value {
    b.ins().sdiv(p[0], p[1])
}

/// `target(a, b) = a / b` (unsigned).
pub fn udiv_body(b: &mut FunctionBuilder, p: &[ir::Value]) -> ir::Value {
    b.ins().udiv(p[0], p[1])
}

/// A command that runs test `name` of this test binary alone in a child process (through
/// the qemu runner when the tests run under it).
pub fn child_test(name: &str) -> std::process::Command {
    let exe = std::env::current_exe().unwrap();
    let runner = std::env::var("CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER").ok();
    let mut cmd = match (cfg!(target_arch = "aarch64"), runner) {
        (true, Some(r)) => {
            let mut parts = r.split_whitespace();
            let mut c = std::process::Command::new(parts.next().unwrap());
            c.args(parts).arg(&exe);
            c
        }
        _ => std::process::Command::new(&exe),
    };
    cmd.args(["--exact", name, "--nocapture", "--test-threads=1"]);
    cmd
}

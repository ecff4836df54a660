//! Builders shared by the goroutine tests: small programs of Cranelift functions that
//! call the runtime's goroutine host functions as a code generator must.

#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::HashMap;

use cranelift_codegen::ir::{
    condcodes::IntCC, types::I64, AbiParam, Function, InstBuilder, Signature, StackSlotData,
    StackSlotKind, UserFuncName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use morestack_cranelift::*;
use morestack_runtime::host;

thread_local! {
    /// What the program passed to `record`, in order.
    static LOG: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) };
}

/// A test host function: appends `v` to the log.
pub unsafe extern "C" fn record(_ctx: *mut Context, v: i64) -> i64 {
    LOG.with(|l| l.borrow_mut().push(v));
    0
}

pub fn take_log() -> Vec<i64> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Host calls the bodies can make: (address, integer arguments, results).
pub fn host_fn(name: &str) -> (usize, usize, usize) {
    match name {
        "chan_make" => (host::chan_make as *const () as usize, 1, 1),
        "chan_send" => (host::chan_send as *const () as usize, 2, 1),
        "chan_recv" => (host::chan_recv as *const () as usize, 1, 2),
        "chan_close" => (host::chan_close as *const () as usize, 1, 1),
        "gosched" => (host::gosched as *const () as usize, 0, 1),
        "num_goroutine" => (host::num_goroutine as *const () as usize, 0, 1),
        "record" => (record as *const () as usize, 1, 1),
        _ => panic!("no host function {name}"),
    }
}

/// What a body may use while it is built.
pub struct Env<'a> {
    module: &'a mut JITModule,
    funcs: &'a HashMap<&'static str, FuncId>,
    tramps: &'a HashMap<&'static str, FuncId>,
}

impl Env<'_> {
    /// `name(args)`, a compiled function with one result.
    pub fn call(&mut self, b: &mut FunctionBuilder, name: &str, args: &[Value]) -> Value {
        let f = self.module.declare_func_in_func(self.funcs[name], b.func);
        let c = b.ins().call(f, args);
        b.inst_results(c)[0]
    }

    /// A host call through the ordinary thunk.
    pub fn host(&mut self, b: &mut FunctionBuilder, name: &str, args: &[Value]) -> Vec<Value> {
        let (f, n, r) = host_fn(name);
        assert_eq!(n, args.len(), "{name}");
        emit_host_call(b, f, args, &vec![I64; r]).unwrap()
    }

    /// A host call through the in-place thunk of `f(ctx, before.., block address,
    /// after..)`, with `words` stored in a block of the caller's frame.
    pub fn host_in_place(
        b: &mut FunctionBuilder,
        f: usize,
        before: &[Value],
        words: &[Value],
        extra: &[Value],
        nret: usize,
    ) -> Vec<Value> {
        let slot = b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            (8 * words.len()).max(16) as u32,
            4,
        ));
        for (i, &w) in words.iter().enumerate() {
            b.ins().stack_store(I64, w, slot, (8 * i) as i32);
        }
        let addr = b.ins().stack_addr(I64, slot, 0);
        let mut sig = Signature::new(CallConv::SystemV);
        for _ in 0..2 + before.len() + extra.len() {
            sig.params.push(AbiParam::new(I64));
        }
        for _ in 0..nret {
            sig.returns.push(AbiParam::new(I64));
        }
        let sigref = b.import_signature(sig);
        let thunk = b
            .ins()
            .iconst(I64, morestack_runtime::hostcall_thunk_in_place() as i64);
        let fv = b.ins().iconst(I64, f as i64);
        let mut argv = vec![fv];
        argv.extend_from_slice(before);
        argv.push(addr);
        argv.extend_from_slice(extra);
        let c = b.ins().call_indirect(sigref, thunk, &argv);
        b.inst_results(c).to_vec()
    }

    /// `go name(args)`: the arguments in 16-byte slots, as the entry trampoline reads
    /// them, copied by `go_spawn` before it returns.
    pub fn go(&mut self, b: &mut FunctionBuilder, name: &str, args: &[Value]) {
        let t = self.module.declare_func_in_func(self.tramps[name], b.func);
        let entry = b.ins().func_addr(I64, t);
        let zero = b.ins().iconst(I64, 0);
        let words: Vec<Value> = args.iter().flat_map(|&a| [a, zero]).collect();
        let n = b.ins().iconst(I64, words.len() as i64);
        // go_spawn(ctx, entry, args, nwords), through the in-place thunk.
        let f = host::go_spawn as *const () as usize;
        Self::host_in_place(b, f, &[entry], &words, &[n], 1);
    }

    /// `select` over `cases` (kind, channel, value), with a default case or not:
    /// `(index, value, ok)`.
    pub fn select(
        b: &mut FunctionBuilder,
        cases: &[(i64, Value, Value)],
        default: bool,
    ) -> (Value, Value, Value) {
        let mut words = Vec::new();
        for &(k, ch, v) in cases {
            words.push(b.ins().iconst(I64, k));
            words.push(ch);
            words.push(v);
        }
        let n = b.ins().iconst(I64, cases.len() as i64);
        let d = b.ins().iconst(I64, default as i64);
        let r = Self::host_in_place(
            b,
            host::select as *const () as usize,
            &[],
            &words,
            &[n, d],
            2,
        );
        let idx = b.ins().sshr_imm_s(r[0], 1);
        let ok = b.ins().band_imm_s(r[0], 1);
        (idx, r[1], ok)
    }
}

pub type Body = fn(&mut FunctionBuilder, &mut Env, &[Value]);

/// A compiled program: its functions (name, parameters, body), each with an entry
/// trampoline, run on a stack of `cfg`.
pub struct Prog {
    module: JITModule,
    /// Each function's entry trampoline.
    pub entries: HashMap<&'static str, Entry>,
    /// The reserve its functions need.
    pub reserve: usize,
    _regs: Vec<Registration>,
}

pub fn build(cfg: &StackConfig, funcs: &[(&'static str, usize, Body)]) -> Prog {
    let isa = isa(None, CodeKind::for_strategy(cfg.strategy)).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let mut ids = HashMap::new();
    let mut tramps = HashMap::new();
    for &(name, n, _) in funcs {
        let sig = tail_signature(&vec![I64; n], &[I64]);
        ids.insert(
            name,
            module.declare_function(name, Linkage::Local, &sig).unwrap(),
        );
        let t = module
            .declare_function(&format!("{name}_entry"), Linkage::Local, &entry_signature())
            .unwrap();
        tramps.insert(name, t);
    }
    let mut fctx = FunctionBuilderContext::new();
    let mut defs = Vec::new();
    for &(name, n, body) in funcs {
        let id = ids[name];
        let mut ctx = module.make_context();
        ctx.func.signature = tail_signature(&vec![I64; n], &[I64]);
        ctx.func.name = UserFuncName::user(0, id.as_u32());
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let p = begin_function(&mut b, &[]).unwrap();
            let mut env = Env {
                module: &mut module,
                funcs: &ids,
                tramps: &tramps,
            };
            body(&mut b, &mut env, &p);
            b.seal_all_blocks();
            b.finalize(module.target_config());
        }
        defs.push(define_function(&mut module, id, &mut ctx, &[], &mut fctx).unwrap());
    }
    let mut shapes = HashMap::new();
    for &(name, _, _) in funcs {
        let tid = tramps[name];
        let mut f =
            Function::with_name_signature(UserFuncName::user(0, tid.as_u32()), entry_signature());
        let target = module.declare_func_in_func(ids[name], &mut f);
        let shape = build_entry_trampoline(&mut f, &mut fctx, target).unwrap();
        let mut ctx = module.make_context();
        ctx.func = f;
        module.define_function(tid, &mut ctx).unwrap();
        shapes.insert(name, shape);
    }
    module.finalize_definitions().unwrap();
    let regs = defs
        .iter()
        // SAFETY: the module outlives the registrations (both in the Prog).
        .map(|d| unsafe { d.register(|id| module.get_finalized_function(id)) })
        .collect();
    let reserve = defs.iter().map(|d| d.reserve()).max().unwrap();
    let entries = funcs
        .iter()
        .map(|&(name, _, _)| {
            let code = module.get_finalized_function(tramps[name]);
            // SAFETY: the trampoline of `name`, alive with the module.
            (name, unsafe { Entry::new(code, shapes[name].clone()) })
        })
        .collect();
    Prog {
        module,
        entries,
        reserve,
        _regs: regs,
    }
}

impl Prog {
    pub fn run<P: Params>(
        &self,
        cfg: &StackConfig,
        args: P,
    ) -> (Result<(i64,), CallError<String>>, RunStats) {
        let mut stack: Stack<String> = Stack::new(&StackConfig {
            reserve: self.reserve.max(cfg.reserve),
            ..cfg.clone()
        })
        .unwrap();
        take_log();
        // SAFETY: the program was compiled for this strategy, with its reserve.
        let r = unsafe { stack.call(&self.entries["main"], args) };
        (r, stack.stats())
    }
}

impl Drop for Prog {
    fn drop(&mut self) {
        let _ = &self.module;
    }
}

/// Every strategy, stress mode included, with small stacks (2 KiB where they grow).
pub fn configs() -> Vec<(&'static str, StackConfig)> {
    vec![
        ("fixed", StackConfig::fixed(256 << 10)),
        (
            "segmented keep",
            StackConfig::segmented(2 << 10, SegmentCache::Keep, 1 << 30),
        ),
        (
            "segmented none",
            StackConfig::segmented(2 << 10, SegmentCache::None, 1 << 30),
        ),
        ("copying", StackConfig::copying(2 << 10, 1 << 30, false)),
        (
            "copying force-move",
            StackConfig::copying(2 << 10, 1 << 30, true),
        ),
    ]
}

/// A counted loop: `for i in 0..n { body(i) }` with a loop-carried accumulator;
/// returns the accumulator's final value.
pub fn counted(
    b: &mut FunctionBuilder,
    env: &mut Env,
    n: Value,
    init: Value,
    body: &dyn Fn(&mut FunctionBuilder, &mut Env, Value, Value) -> Value,
) -> Value {
    let head = b.create_block();
    let body_blk = b.create_block();
    let exit = b.create_block();
    b.append_block_param(head, I64);
    b.append_block_param(head, I64);
    b.append_block_param(exit, I64);
    let zero = b.ins().iconst(I64, 0);
    b.ins().jump(head, &[zero.into(), init.into()]);
    b.switch_to_block(head);
    let (i, acc) = (b.block_params(head)[0], b.block_params(head)[1]);
    let more = b.ins().icmp(IntCC::SignedLessThan, i, n);
    b.ins().brif(more, body_blk, &[], exit, &[acc.into()]);
    b.switch_to_block(body_blk);
    let acc2 = body(b, env, i, acc);
    let i1 = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(head, &[i1.into(), acc2.into()]);
    b.switch_to_block(exit);
    b.block_params(exit)[0]
}

/// `rec(n) = n == 0 ? 0 : n + rec(n - 1)` with a 256-byte slot per frame: deep stacks.
pub fn rec_body(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 256, 3));
    b.ins().stack_store(I64, p[0], slot, 0);
    let (rec, done) = (b.create_block(), b.create_block());
    b.ins().brif(p[0], rec, &[], done, &[]);
    b.switch_to_block(rec);
    let n1 = b.ins().iadd_imm_s(p[0], -1);
    let r = env.call(b, "rec", &[n1]);
    let again = b.ins().stack_load(I64, I64, slot, 0);
    let s = b.ins().iadd(r, again);
    b.ins().return_(&[s]);
    b.switch_to_block(done);
    b.ins().return_(&[p[0]]);
}

/// main(n, depth): n goroutines, each recursing `depth` deep (256-byte frames) and
/// sending the sum on a buffered channel; main adds them up.
pub fn many_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let ch = env.host(b, "chan_make", &[p[0]])[0];
    let depth = p[1];
    counted(b, env, p[0], zero, &|b, env, _i, acc| {
        env.go(b, "worker", &[ch, depth]);
        acc
    });
    let n = env.host(b, "num_goroutine", &[])[0];
    env.host(b, "record", &[n]);
    let sum = counted(b, env, p[0], zero, &|b, env, _i, acc| {
        let v = env.host(b, "chan_recv", &[ch])[0];
        b.ins().iadd(acc, v)
    });
    b.ins().return_(&[sum]);
}

pub fn worker(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let r = env.call(b, "rec", &[p[1]]);
    env.host(b, "chan_send", &[p[0], r]);
    let zero = b.ins().iconst(I64, 0);
    b.ins().return_(&[zero]);
}

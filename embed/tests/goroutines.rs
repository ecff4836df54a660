//! Goroutines and channels (issue 12, the runtime half): small programs built with
//! Cranelift that call the runtime's goroutine host functions (`morestack_runtime::host`)
//! the way a code generator must (see "Goroutines" in the runtime's crate docs), run
//! under every stack strategy, the stress mode included.

use std::cell::RefCell;
use std::collections::HashMap;

use cranelift_codegen::ir::{
    types::I64, AbiParam, Function, InstBuilder, MemFlagsData, Signature, StackSlotData,
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
unsafe extern "C" fn record(_ctx: *mut Context, v: i64) -> i64 {
    LOG.with(|l| l.borrow_mut().push(v));
    0
}

fn take_log() -> Vec<i64> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Host calls the bodies can make: (address, integer arguments, results).
fn host_fn(name: &str) -> (usize, usize, usize) {
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
struct Env<'a> {
    module: &'a mut JITModule,
    funcs: &'a HashMap<&'static str, FuncId>,
    tramps: &'a HashMap<&'static str, FuncId>,
}

impl Env<'_> {
    /// `name(args)`, a compiled function with one result.
    fn call(&mut self, b: &mut FunctionBuilder, name: &str, args: &[Value]) -> Value {
        let f = self.module.declare_func_in_func(self.funcs[name], b.func);
        let c = b.ins().call(f, args);
        b.inst_results(c)[0]
    }

    /// A host call through the ordinary thunk.
    fn host(&mut self, b: &mut FunctionBuilder, name: &str, args: &[Value]) -> Vec<Value> {
        let (f, n, r) = host_fn(name);
        assert_eq!(n, args.len(), "{name}");
        emit_host_call(b, f, args, &vec![I64; r]).unwrap()
    }

    /// A host call through the in-place thunk of `f(ctx, before.., block address,
    /// after..)`, with `words` stored in a block of the caller's frame.
    fn host_in_place(
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
    fn go(&mut self, b: &mut FunctionBuilder, name: &str, args: &[Value]) {
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
    fn select(
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

type Body = fn(&mut FunctionBuilder, &mut Env, &[Value]);

/// A compiled program: its functions (name, parameters, body), each with an entry
/// trampoline, run on a stack of `cfg`.
struct Prog {
    module: JITModule,
    entries: HashMap<&'static str, Entry>,
    reserve: usize,
    _regs: Vec<Registration>,
}

fn build(cfg: &StackConfig, funcs: &[(&'static str, usize, Body)]) -> Prog {
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
    fn run<P: Params>(
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
fn configs() -> Vec<(&'static str, StackConfig)> {
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
fn counted(
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
    let more = b.ins().icmp(
        cranelift_codegen::ir::condcodes::IntCC::SignedLessThan,
        i,
        n,
    );
    b.ins().brif(more, body_blk, &[], exit, &[acc.into()]);
    b.switch_to_block(body_blk);
    let acc2 = body(b, env, i, acc);
    let i1 = b.ins().iadd_imm_s(i, 1);
    b.ins().jump(head, &[i1.into(), acc2.into()]);
    b.switch_to_block(exit);
    b.block_params(exit)[0]
}

/// `rec(n) = n == 0 ? 0 : n + rec(n - 1)` with a 256-byte slot per frame: deep stacks.
fn rec_body(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
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

// ---- ping-pong ----

/// main(n): two unbuffered channels; `pong` doubles what main sends; returns the sum.
fn pingpong_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let a = env.host(b, "chan_make", &[zero])[0];
    let c = env.host(b, "chan_make", &[zero])[0];
    env.go(b, "pong", &[a, c, p[0]]);
    let sum = counted(b, env, p[0], zero, &|b, env, i, acc| {
        env.host(b, "chan_send", &[a, i]);
        let v = env.host(b, "chan_recv", &[c])[0];
        b.ins().iadd(acc, v)
    });
    b.ins().return_(&[sum]);
}

fn pong(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let (a, c, n) = (p[0], p[1], p[2]);
    let zero = b.ins().iconst(I64, 0);
    counted(b, env, n, zero, &|b, env, _i, acc| {
        let v = env.host(b, "chan_recv", &[a])[0];
        // Deep enough to grow (and, in the stress mode, move) the stack every time.
        let d = b.ins().iconst(I64, 20);
        let r = env.call(b, "rec", &[d]);
        let v2 = b.ins().iadd(v, v);
        let v2 = b.ins().iadd(v2, r);
        let v2 = b.ins().iadd_imm_s(v2, -210);
        env.host(b, "chan_send", &[c, v2]);
        acc
    });
    b.ins().return_(&[zero]);
}

#[test]
fn ping_pong_over_an_unbuffered_channel() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, pingpong_main),
                ("pong", 3, pong),
                ("rec", 1, rec_body),
            ],
        );
        let n = 1000i64;
        let (r, s) = prog.run(&cfg, (n,));
        assert_eq!(r, Ok((n * (n - 1),)), "{name}");
        let g = s.goroutines.clone().expect("goroutine stats");
        assert_eq!(g.created, 1, "{name}");
        assert_eq!(g.peak_alive, 2, "{name}");
        assert!(g.switches >= 2 * n as u64, "{name}: {g:?}");
        assert_eq!(g.channels, 2, "{name}");
        if name.starts_with("copying") {
            assert!(s.copying.as_ref().unwrap().moves > 0, "{name}: {s:?}");
        }
    }
}

// ---- buffered FIFO, close, recv ok ----

fn fifo_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let three = b.ins().iconst(I64, 3);
    let ch = env.host(b, "chan_make", &[three])[0];
    for v in [10, 20, 30] {
        let v = b.ins().iconst(I64, v);
        env.host(b, "chan_send", &[ch, v]);
    }
    env.host(b, "chan_close", &[ch]);
    for _ in 0..4 {
        let r = env.host(b, "chan_recv", &[ch]);
        env.host(b, "record", &[r[0]]);
        env.host(b, "record", &[r[1]]);
    }
    let n = env.host(b, "num_goroutine", &[])[0];
    b.ins().return_(&[n]);
}

#[test]
fn buffered_channel_is_fifo_and_close_gives_ok_false() {
    for (name, cfg) in configs() {
        let prog = build(&cfg, &[("main", 0, fifo_main)]);
        let (r, _) = prog.run(&cfg, ());
        assert_eq!(r, Ok((1,)), "{name}");
        assert_eq!(take_log(), vec![10, 1, 20, 1, 30, 1, 0, 0], "{name}");
    }
}

// ---- select ----

/// select with default on an empty channel (default), then on a ready one, then a
/// blocking select woken by a goroutine's send, then a select send to a waiting
/// receiver goroutine.
fn select_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let one = b.ins().iconst(I64, 1);
    let empty = env.host(b, "chan_make", &[zero])[0];
    let full = env.host(b, "chan_make", &[one])[0];
    let seven = b.ins().iconst(I64, 7);
    env.host(b, "chan_send", &[full, seven]);
    // 1. default.
    let (i, _, _) = Env::select(b, &[(0, empty, zero)], true);
    env.host(b, "record", &[i]);
    // 2. the ready case of two.
    let (i, v, ok) = Env::select(b, &[(0, empty, zero), (0, full, zero)], true);
    env.host(b, "record", &[i]);
    env.host(b, "record", &[v]);
    env.host(b, "record", &[ok]);
    // 3. blocking: a goroutine sends 42 on `empty` after yielding a few times.
    let c42 = b.ins().iconst(I64, 42);
    env.go(b, "sender", &[empty, c42]);
    let nilch = b.ins().iconst(I64, 0);
    let (i, v, ok) = Env::select(
        b,
        &[(0, nilch, zero), (0, full, zero), (0, empty, zero)],
        false,
    );
    env.host(b, "record", &[i]);
    env.host(b, "record", &[v]);
    env.host(b, "record", &[ok]);
    // 4. a select send to a receiver goroutine that records what it got.
    env.go(b, "receiver", &[empty]);
    env.host(b, "gosched", &[]);
    let c99 = b.ins().iconst(I64, 99);
    let (i, _, _) = Env::select(b, &[(1, empty, c99)], false);
    env.host(b, "record", &[i]);
    env.host(b, "gosched", &[]);
    // 5. a closed channel is ready for receive: (0, false).
    env.host(b, "chan_close", &[full]);
    let (i, v, ok) = Env::select(b, &[(0, full, zero)], false);
    env.host(b, "record", &[i]);
    env.host(b, "record", &[v]);
    env.host(b, "record", &[ok]);
    b.ins().return_(&[zero]);
}

fn sender(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    for _ in 0..3 {
        env.host(b, "gosched", &[]);
    }
    env.host(b, "chan_send", &[p[0], p[1]]);
    let zero = b.ins().iconst(I64, 0);
    b.ins().return_(&[zero]);
}

fn receiver(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let v = env.host(b, "chan_recv", &[p[0]])[0];
    let v = b.ins().iadd_imm_s(v, 1000);
    env.host(b, "record", &[v]);
    let zero = b.ins().iconst(I64, 0);
    b.ins().return_(&[zero]);
}

#[test]
fn select_with_default_ready_blocking_and_send() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 0, select_main),
                ("sender", 2, sender),
                ("receiver", 1, receiver),
            ],
        );
        let (r, _) = prog.run(&cfg, ());
        assert_eq!(r, Ok((0,)), "{name}");
        assert_eq!(
            take_log(),
            vec![-1, 1, 7, 1, 2, 42, 1, 0, 1099, 0, 0, 0],
            "{name}"
        );
    }
}

// ---- select fairness ----

/// 4000 selects over two always-ready channels: each case is picked about half the time.
fn fair_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let big = b.ins().iconst(I64, 10_000);
    let a = env.host(b, "chan_make", &[big])[0];
    let c = env.host(b, "chan_make", &[big])[0];
    let n = b.ins().iconst(I64, 4000);
    counted(b, env, n, zero, &|b, env, i, acc| {
        env.host(b, "chan_send", &[a, i]);
        env.host(b, "chan_send", &[c, i]);
        acc
    });
    let ones = counted(b, env, n, zero, &|b, _env, _i, acc| {
        let zero = b.ins().iconst(I64, 0);
        let (i, _, _) = Env::select(b, &[(0, a, zero), (0, c, zero)], false);
        b.ins().iadd(acc, i)
    });
    b.ins().return_(&[ones]);
}

#[test]
fn select_picks_uniformly_among_ready_cases() {
    let cfg = StackConfig::copying(2 << 10, 1 << 30, false);
    let prog = build(&cfg, &[("main", 0, fair_main)]);
    let (r, _) = prog.run(&cfg, ());
    let ones = r.unwrap().0;
    assert!((1700..2300).contains(&ones), "{ones} of 4000");
}

// ---- deadlock, panics ----

fn deadlock_main(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let ch = env.host(b, "chan_make", &[zero])[0];
    env.go(b, "blocked", &[ch]);
    let r = env.host(b, "chan_recv", &[ch])[0];
    b.ins().return_(&[r]);
}

/// Blocks for ever: receives on a nil channel.
fn blocked(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    env.host(b, "chan_recv", &[zero]);
    b.ins().return_(&[zero]);
}

#[test]
fn all_goroutines_asleep_is_a_deadlock() {
    for (name, cfg) in configs() {
        let prog = build(&cfg, &[("main", 0, deadlock_main), ("blocked", 1, blocked)]);
        let (r, _) = prog.run(&cfg, ());
        assert_eq!(
            r,
            Err(CallError::Fatal(
                "all goroutines are asleep - deadlock!".into()
            )),
            "{name}"
        );
        // The error text and exit status are Go's.
        let e = morestack_runtime::RunError::Fatal("all goroutines are asleep - deadlock!".into());
        assert_eq!(
            e.go_message(),
            "fatal error: all goroutines are asleep - deadlock!\n"
        );
    }
}

fn panics_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let one = b.ins().iconst(I64, 1);
    let ch = env.host(b, "chan_make", &[zero])[0];
    // Case selected by p[0]: 0 close(nil) in a goroutine, 1 close twice, 2 send on a
    // closed channel, 3 a sender blocked when the channel is closed, 4 make(chan, -1).
    let blocks: Vec<_> = (0..5).map(|_| b.create_block()).collect();
    for (k, &blk) in blocks.iter().enumerate() {
        let is = b.ins().icmp_imm_s(
            cranelift_codegen::ir::condcodes::IntCC::Equal,
            p[0],
            k as i64,
        );
        let next = b.create_block();
        b.ins().brif(is, blk, &[], next, &[]);
        b.switch_to_block(next);
    }
    b.ins().return_(&[zero]);
    // 0
    b.switch_to_block(blocks[0]);
    env.go(b, "close_nil", &[]);
    env.host(b, "chan_recv", &[ch]);
    b.ins().return_(&[zero]);
    // 1
    b.switch_to_block(blocks[1]);
    env.host(b, "chan_close", &[ch]);
    env.host(b, "chan_close", &[ch]);
    b.ins().return_(&[zero]);
    // 2
    b.switch_to_block(blocks[2]);
    env.host(b, "chan_close", &[ch]);
    env.host(b, "chan_send", &[ch, one]);
    b.ins().return_(&[zero]);
    // 3
    b.switch_to_block(blocks[3]);
    env.go(b, "send_one", &[ch]);
    env.host(b, "gosched", &[]);
    env.host(b, "chan_close", &[ch]);
    env.host(b, "record", &[one]);
    env.host(b, "gosched", &[]);
    b.ins().return_(&[zero]);
    // 4
    b.switch_to_block(blocks[4]);
    let m1 = b.ins().iconst(I64, -1);
    env.host(b, "chan_make", &[m1]);
    b.ins().return_(&[zero]);
}

fn close_nil(b: &mut FunctionBuilder, env: &mut Env, _p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    env.host(b, "chan_close", &[zero]);
    b.ins().return_(&[zero]);
}

fn send_one(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let one = b.ins().iconst(I64, 1);
    env.host(b, "chan_send", &[p[0], one]);
    b.ins().return_(&[one]);
}

#[test]
fn channel_panics_end_the_run_from_any_goroutine() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, panics_main),
                ("close_nil", 0, close_nil),
                ("send_one", 1, send_one),
            ],
        );
        for (k, text) in [
            (0, "close of nil channel"),
            (1, "close of closed channel"),
            (2, "send on closed channel"),
            (3, "send on closed channel"),
            (4, "makechan: size out of range"),
        ] {
            let (r, _) = prog.run(&cfg, (k as i64,));
            assert_eq!(r, Err(CallError::Panic(text.into())), "{name} {k}");
            if k == 3 {
                // Main went on after the close; the sender panicked when it ran again.
                assert_eq!(take_log(), vec![1], "{name}");
            }
        }
    }
}

// ---- many goroutines ----

/// main(n, depth): n goroutines, each recursing `depth` deep (256-byte frames) and
/// sending the sum on a buffered channel; main adds them up.
fn many_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
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

fn worker(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let r = env.call(b, "rec", &[p[1]]);
    env.host(b, "chan_send", &[p[0], r]);
    let zero = b.ins().iconst(I64, 0);
    b.ins().return_(&[zero]);
}

#[test]
fn a_hundred_thousand_goroutines_grow_their_stacks() {
    let n: i64 = if cfg!(target_arch = "aarch64") {
        10_000
    } else {
        100_000
    };
    let depth = 40i64; // > 10 KiB of frames: every 2 KiB stack grows
    for (name, cfg) in configs() {
        // The stress mode moves at every host call: fewer goroutines.
        let n = if name.contains("force") { n / 20 } else { n };
        let prog = build(
            &cfg,
            &[
                ("main", 2, many_main),
                ("worker", 2, worker),
                ("rec", 1, rec_body),
            ],
        );
        let (r, s) = prog.run(&cfg, (n, depth));
        assert_eq!(r, Ok((n * depth * (depth + 1) / 2,)), "{name}");
        assert_eq!(take_log(), vec![n + 1], "{name}");
        let g = s.goroutines.clone().unwrap();
        assert_eq!(g.created, n as u64, "{name}");
        assert_eq!(g.peak_alive, n as u64 + 1, "{name}");
        if name != "fixed" {
            assert!(
                s.morestack_calls >= n as u64,
                "{name}: every goroutine grew: {s:?}"
            );
        }
        eprintln!("{name}: {g:?}");
    }
}

// ---- a pointer into a goroutine's own stack across moves ----

/// holder(ch, k): keeps `k` in a slot of its frame and a pointer to it across deep
/// recursions (growth, moves), Gosched (other goroutines run and move their stacks)
/// and channel operations; sends `*p + rec(30)`.
fn holder(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let slot = b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 64, 3));
    b.ins().stack_store(I64, p[1], slot, 0);
    let ptr = b.ins().stack_addr(I64, slot, 0);
    let d = b.ins().iconst(I64, 30);
    let r1 = env.call(b, "rec", &[d]);
    env.host(b, "gosched", &[]);
    let zero = b.ins().iconst(I64, 0);
    let tmp = env.host(b, "chan_make", &[zero])[0];
    env.host(b, "num_goroutine", &[]);
    let _ = tmp;
    let r2 = env.call(b, "rec", &[d]);
    env.host(b, "gosched", &[]);
    let v = b.ins().load(I64, MemFlagsData::trusted(), ptr, 0);
    let s = b.ins().iadd(v, r1);
    let s = b.ins().isub(s, r2);
    let s2 = b.ins().iadd(s, r2);
    env.host(b, "chan_send", &[p[0], s2]);
    b.ins().return_(&[zero]);
}

fn holders_main(b: &mut FunctionBuilder, env: &mut Env, p: &[Value]) {
    let zero = b.ins().iconst(I64, 0);
    let ch = env.host(b, "chan_make", &[zero])[0];
    counted(b, env, p[0], zero, &|b, env, i, acc| {
        let k = b.ins().imul_imm_s(i, 1000);
        env.go(b, "holder", &[ch, k]);
        acc
    });
    let sum = counted(b, env, p[0], zero, &|b, env, _i, acc| {
        let v = env.host(b, "chan_recv", &[ch])[0];
        b.ins().iadd(acc, v)
    });
    b.ins().return_(&[sum]);
}

#[test]
fn a_pointer_into_a_goroutine_stack_survives_moves_while_others_run() {
    for (name, cfg) in configs() {
        let prog = build(
            &cfg,
            &[
                ("main", 1, holders_main),
                ("holder", 2, holder),
                ("rec", 1, rec_body),
            ],
        );
        let n = 200i64;
        let (r, s) = prog.run(&cfg, (n,));
        let expect = (0..n).map(|i| i * 1000 + 465).sum::<i64>();
        assert_eq!(r, Ok((expect,)), "{name}");
        if name == "copying force-move" {
            assert!(s.copying.as_ref().unwrap().moves >= 5 * n as u64, "{s:?}");
        }
    }
}

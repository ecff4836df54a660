//! Float and vector arguments and results across stack growth, end to end: recursive
//! functions built directly with `cranelift-frontend`, each with the real stack-check
//! prologue (`morestack::codegen::prologue::emit_stack_check`) and a big explicit stack
//! slot, JIT-compiled and run 100 000 deep on every stack strategy. The morestack stub
//! enters with every argument register live and must give the restarted function its
//! float/vector arguments (xmm0-7 / v0-v7, all 128 bits) back; lessstack's slow path must
//! leave float/vector results alone; the host-call thunk must pass float arguments
//! through, also when it moves the stack first (copying, stress mode).

use cranelift_codegen::ir::{
    self, types, AbiParam, InstBuilder, MemFlagsData, Signature, StackSlotData, StackSlotKind,
};
use cranelift_codegen::isa::{CallConv, TargetFrontendConfig};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{FuncId, Linkage, Module};
use morestack::codegen::prologue::{emit_stack_check, ContextOffsets, StackCheck};
use morestack::codegen::{make_isa_for, Options};
use morestack_runtime::{EntryFn, SegmentCache, StackConfig, MAX_RESERVE};

/// Recursion depth of every test.
const DEPTH: i64 = 100_000;

/// Size of each function's explicit stack slot: big, so the stack really grows, but small
/// enough that the whole frame (the pre-check depth) stays within `MAX_RESERVE`, which
/// an inline check needs (deeper functions get a checking entry from the compiler).
const SLOT: u32 = 768;

/// The compiled test functions and their entry trampolines.
struct Jit {
    module: Option<JITModule>,
    /// `fsum(n: i64, x: f64) -> f64`: `x` at `n == 0` (through the host-call thunk),
    /// else `x + fsum(n - 1, x)`. Args `[n, x bits]`, result `[bits]`.
    fsum: EntryFn,
    /// `f8(n, a0..a7: f64) -> (f64 x 8)`: `r_i = a_i + f8(n - 1, ...)_i`, `a_i` at
    /// `n == 0`. Args `[n, a0 bits..a7 bits]`, results 8 bits.
    f8: EntryFn,
    /// `fv(n, v: i32x4, w: f32x4) -> (i32x4, f32x4)`: `(v + fv(n - 1)_0, w + fv_1)`,
    /// `(v, w)` at `n == 0`. Args `[n, v lo, v hi, w lo, w hi]`, results 4 words.
    fv: EntryFn,
    /// The largest pre-check depth (frame) of the three functions, rounded up to 16.
    reserve: usize,
}

impl Drop for Jit {
    fn drop(&mut self) {
        if let Some(m) = self.module.take() {
            // SAFETY: no run uses the code any more.
            unsafe { m.free_memory() };
        }
    }
}

/// The host function `fsum` calls at the bottom through the thunk: `x + a + b`, with the
/// contract's argument registers beyond `f` (here rsi/x1, rdx/x2 and xmm0/v0).
extern "C" fn host_fadd(_ctx: *mut morestack_runtime::Context, a: i64, b: i64, x: f64) -> f64 {
    x + a as f64 + b as f64
}

/// Plain memory flags (the argument array holds vectors at 8-byte offsets: not aligned).
fn flags() -> MemFlagsData {
    let mut f = MemFlagsData::new();
    f.set_notrap();
    f
}

fn frontend_config() -> TargetFrontendConfig {
    TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    }
}

fn sig(params: &[ir::Type], rets: &[ir::Type], cc: CallConv) -> Signature {
    let mut s = Signature::new(cc);
    s.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    s.returns.extend(rets.iter().map(|&t| AbiParam::new(t)));
    s
}

/// Builds a recursive Tail function `name(n: i64, rest...) -> rets` with the stack check
/// and a `SLOT`-byte stack slot. `base(b, rest)` gives the results at `n == 0`, `step(b,
/// rest, child)` those of the other levels from the child's.
fn define_rec(
    module: &mut JITModule,
    fctx: &mut FunctionBuilderContext,
    id: FuncId,
    s: &Signature,
    base: impl Fn(&mut FunctionBuilder, &[ir::Value]) -> Vec<ir::Value>,
    step: impl Fn(&mut FunctionBuilder, &[ir::Value], &[ir::Value]) -> Vec<ir::Value>,
) -> u32 {
    let mut ctx = module.make_context();
    ctx.func.signature = s.clone();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, fctx);
        let slot =
            b.create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, SLOT, 4));
        let self_ref = module.declare_func_in_func(id, b.func);
        let self_sig = b.func.dfg.ext_funcs[self_ref].signature;
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let params = b.block_params(entry).to_vec();
        let check = StackCheck {
            self_ref,
            self_sig,
            argbytes: 0,
            ptrmask: 0,
        };
        let (_, p) = emit_stack_check(&mut b, &params, &check, &ContextOffsets::runtime());
        // Use the slot: n at its bottom and its top, read back below.
        b.ins().stack_store(types::I64, p[0], slot, 0);
        b.ins().stack_store(types::I64, p[0], slot, SLOT as i32 - 8);
        let n = b
            .ins()
            .stack_load(types::I64, types::I64, slot, SLOT as i32 - 8);
        let (bottom, inner) = (b.create_block(), b.create_block());
        b.ins().brif(n, inner, &[], bottom, &[]);

        b.switch_to_block(bottom);
        let r = base(&mut b, &p[1..]);
        b.ins().return_(&r);

        b.switch_to_block(inner);
        let n0 = b.ins().stack_load(types::I64, types::I64, slot, 0);
        let n1 = b.ins().iadd_imm_s(n0, -1);
        let mut args = vec![n1];
        args.extend_from_slice(&p[1..]);
        let call = b.ins().call(self_ref, &args);
        let child = b.inst_results(call).to_vec();
        let r = step(&mut b, &p[1..], &child);
        b.ins().return_(&r);
        b.seal_all_blocks();
        b.finalize(frontend_config());
    }
    module.define_function(id, &mut ctx).unwrap();
    let frame = ctx
        .compiled_code()
        .unwrap()
        .buffer
        .frame_layout()
        .unwrap()
        .frame_to_fp_offset
        + 16;
    module.clear_context(&mut ctx);
    frame
}

/// Builds the SysV entry trampoline `(ctx, args, results)` of `target`: sets the pinned
/// register, loads `n` and then each argument (of `target`'s types) from `args`, calls
/// `target` and stores its results to `results`.
fn define_entry(
    module: &mut JITModule,
    fctx: &mut FunctionBuilderContext,
    name: &str,
    target: FuncId,
    tsig: &Signature,
) -> FuncId {
    let s = sig(&[types::I64; 3], &[], CallConv::SystemV);
    let id = module.declare_function(name, Linkage::Local, &s).unwrap();
    let mut ctx = module.make_context();
    ctx.func.signature = s;
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, fctx);
        let blk = b.create_block();
        b.append_block_params_for_function_params(blk);
        b.switch_to_block(blk);
        let p = b.block_params(blk).to_vec();
        let old = b.ins().get_pinned_reg(types::I64);
        b.ins().set_pinned_reg(p[0]);
        let callee = module.declare_func_in_func(target, b.func);
        let mut off = 0;
        let mut argv = Vec::new();
        for a in &tsig.params {
            argv.push(b.ins().load(a.value_type, flags(), p[1], off));
            off += a.value_type.bytes() as i32;
        }
        let call = b.ins().call(callee, &argv);
        let rets = b.inst_results(call).to_vec();
        let mut off = 0;
        for (v, r) in rets.into_iter().zip(&tsig.returns) {
            b.ins().store(flags(), v, p[2], off);
            off += r.value_type.bytes() as i32;
        }
        b.ins().set_pinned_reg(old);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(frontend_config());
    }
    module.define_function(id, &mut ctx).unwrap();
    id
}

fn compile(opts: &Options) -> Jit {
    let isa = make_isa_for(None, opts).unwrap();
    let mut module = JITModule::new(JITBuilder::with_isa(
        isa,
        cranelift_module::default_libcall_names(),
    ));
    let mut fctx = FunctionBuilderContext::new();
    let (i64t, f64t) = (types::I64, types::F64);
    let mut frames = Vec::new();

    let fsum_sig = sig(&[i64t, f64t], &[f64t], CallConv::Tail);
    let fsum = module
        .declare_function("fsum", Linkage::Local, &fsum_sig)
        .unwrap();
    let thunk = morestack_runtime::hostcall_thunk() as i64;
    let host_sig = sig(&[i64t, i64t, i64t, f64t], &[f64t], CallConv::SystemV);
    frames.push(define_rec(
        &mut module,
        &mut fctx,
        fsum,
        &fsum_sig,
        |b, p| {
            // thunk(host_fadd, 0, 0, x) = x, with the float argument in xmm0 / v0.
            let hs = b.import_signature(host_sig.clone());
            let t = b.ins().iconst(i64t, thunk);
            let f = b.ins().iconst(i64t, host_fadd as *const () as usize as i64);
            let zero = b.ins().iconst(i64t, 0);
            let call = b.ins().call_indirect(hs, t, &[f, zero, zero, p[0]]);
            vec![b.inst_results(call)[0]]
        },
        |b, p, c| vec![b.ins().fadd(p[0], c[0])],
    ));

    let f8_sig = sig(
        &[i64t, f64t, f64t, f64t, f64t, f64t, f64t, f64t, f64t],
        &[f64t; 8],
        CallConv::Tail,
    );
    let f8 = module
        .declare_function("f8", Linkage::Local, &f8_sig)
        .unwrap();
    frames.push(define_rec(
        &mut module,
        &mut fctx,
        f8,
        &f8_sig,
        |_, p| p.to_vec(),
        |b, p, c| p.iter().zip(c).map(|(&a, &r)| b.ins().fadd(a, r)).collect(),
    ));

    let fv_sig = sig(
        &[i64t, types::I32X4, types::F32X4],
        &[types::I32X4, types::F32X4],
        CallConv::Tail,
    );
    let fv = module
        .declare_function("fv", Linkage::Local, &fv_sig)
        .unwrap();
    frames.push(define_rec(
        &mut module,
        &mut fctx,
        fv,
        &fv_sig,
        |_, p| p.to_vec(),
        |b, p, c| vec![b.ins().iadd(p[0], c[0]), b.ins().fadd(p[1], c[1])],
    ));

    let e_fsum = define_entry(&mut module, &mut fctx, "entry$fsum", fsum, &fsum_sig);
    let e_f8 = define_entry(&mut module, &mut fctx, "entry$f8", f8, &f8_sig);
    let e_fv = define_entry(&mut module, &mut fctx, "entry$fv", fv, &fv_sig);
    module.finalize_definitions().unwrap();
    let entry = |id| {
        let p = module.get_finalized_function(id);
        // SAFETY: the trampolines were built with exactly the `EntryFn` signature.
        unsafe { std::mem::transmute::<*const u8, EntryFn>(p) }
    };
    let (fsum, f8, fv) = (entry(e_fsum), entry(e_f8), entry(e_fv));
    let deepest = *frames.iter().max().unwrap() as usize;
    let reserve = deepest.div_ceil(16) * 16;
    assert!(reserve <= MAX_RESERVE, "frames {frames:?}");
    assert!(deepest > SLOT as usize, "frames {frames:?}");
    Jit {
        module: Some(module),
        fsum,
        f8,
        fv,
        reserve,
    }
}

/// Every stack strategy the functions must run on, by name, with `reserve`.
fn configs(reserve: usize) -> Vec<(&'static str, StackConfig)> {
    let max = 1 << 30;
    let mut v = vec![
        ("fixed", StackConfig::fixed(max)),
        (
            "segmented, no cache",
            StackConfig::segmented(2048, SegmentCache::None, max),
        ),
        (
            "segmented, keep",
            StackConfig::segmented(2048, SegmentCache::Keep, max),
        ),
        ("copying", StackConfig::copying(2048, max, false)),
        ("copying, force_move", StackConfig::copying(2048, max, true)),
    ];
    for (_, c) in &mut v {
        c.reserve = reserve;
    }
    v
}

/// Compiles the functions twice (optimized, for the fixed and segmented stacks, and
/// relocatable, for the copying ones, as the compiler does), runs the entry `pick`
/// chooses with `args` on every strategy and checks that the results are `want`; the
/// failure lists every strategy that got something else.
fn check(pick: fn(&Jit) -> EntryFn, args: &[i64], want: &[i64]) {
    let mut bad = Vec::new();
    for relocatable in [false, true] {
        let jit = compile(&Options {
            relocatable,
            ..Options::DEFAULT
        });
        for (name, cfg) in configs(jit.reserve) {
            if relocatable != (cfg.strategy == morestack::Strategy::Copying) {
                continue;
            }
            let mut results = vec![0i64; want.len()];
            // SAFETY: the JIT's entry trampoline for this function, kept mapped by `jit`.
            let (stats, r) = unsafe {
                morestack_runtime::run_with_stats(
                    &cfg,
                    pick(&jit),
                    args,
                    &mut results,
                    &mut std::io::sink(),
                )
            };
            r.unwrap_or_else(|e| panic!("{name}: {e}"));
            if cfg.strategy != morestack::Strategy::Fixed {
                assert!(stats.morestack_calls > 10, "{name}: {stats:?}");
            }
            if results != want {
                bad.push(format!("{name}: got {results:x?}"));
            }
        }
    }
    assert!(bad.is_empty(), "want {want:x?}\n{}", bad.join("\n"));
}

fn f64s(xs: impl IntoIterator<Item = f64>) -> Vec<i64> {
    xs.into_iter().map(|x| x.to_bits() as i64).collect()
}

#[test]
fn fsum_sees_its_float_argument_in_every_frame() {
    let x = 1.5f64;
    // fsum(n, x) = (n + 1) * x, exact for x = 1.5.
    check(
        |j| j.fsum,
        &[DEPTH, x.to_bits() as i64],
        &f64s([(DEPTH + 1) as f64 * x]),
    );
}

#[test]
fn eight_float_arguments_and_results() {
    let a: [f64; 8] = [1.5, -2.25, 3.125, 0.5, 1e3, -7.75, 0.0625, 42.0];
    let mut args = vec![DEPTH];
    args.extend(f64s(a));
    check(|j| j.f8, &args, &f64s(a.map(|x| (DEPTH + 1) as f64 * x)));
}

#[test]
fn vector_arguments_and_results() {
    let v: [i32; 4] = [1, -2, 3 << 20, 7];
    let w: [f32; 4] = [0.5, -1.25, 2.0, 0.125];
    let words = |lanes: [u32; 4]| {
        [
            (lanes[0] as u64 | (lanes[1] as u64) << 32) as i64,
            (lanes[2] as u64 | (lanes[3] as u64) << 32) as i64,
        ]
    };
    let mut args = vec![DEPTH];
    args.extend(words(v.map(|x| x as u32)));
    args.extend(words(w.map(f32::to_bits)));
    let k = (DEPTH + 1) as i32;
    let mut want = words(v.map(|x| x.wrapping_mul(k) as u32)).to_vec();
    want.extend(words(w.map(|x| (x * k as f32).to_bits())));
    check(|j| j.fv, &args, &want);
}

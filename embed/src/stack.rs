//! Compiled functions' stack maps, entry trampolines, typed calls on a stack object, and
//! host functions.

use std::any::Any;
use std::marker::PhantomData;

use cranelift_codegen::ir::{
    self, types, AbiParam, FuncRef, Function, InstBuilder, MemFlagsData, Signature, TrapCode, Type,
    Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_codegen::CompiledCode;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use morestack_runtime::{Context, EntryFn, GrowableStack, RunError, RunStats, StackConfig};

use crate::Error;

/// What morestack needs to know about one compiled function: its pre-check depth and
/// its stack maps.
#[derive(Clone, Debug)]
pub struct FunctionInfo {
    /// The function's frame as Cranelift laid it out, frame record included: everything
    /// it may write below its caller's SP before its check runs. A stack's reserve
    /// ([`StackConfig::reserve`]) must be at least the largest `frame` of the functions
    /// it runs ([`FunctionInfo::check_reserve`]).
    pub frame: u32,
    /// Call sites with stack addresses live across them: (return-address offset in the
    /// code, SP offsets of the slots holding them).
    pub stack_maps: Vec<(u32, Vec<u32>)>,
    /// Trap instructions: (offset in the code, Cranelift's trap code).
    pub traps: Vec<(u32, TrapCode)>,
}

impl FunctionInfo {
    /// Reads the facts from a function Cranelift compiled (`Context::compiled_code`,
    /// e.g. right after `cranelift_module::Module::define_function`).
    pub fn of(code: &CompiledCode) -> Result<FunctionInfo, Error> {
        let below_fp = code
            .buffer
            .frame_layout()
            .map(|l| l.frame_to_fp_offset)
            .ok_or_else(|| Error::Function("no frame layout (frame pointers are off?)".into()))?;
        let stack_maps = code
            .buffer
            .user_stack_maps()
            .iter()
            .map(|(ret, _span, map)| (*ret, map.entries().map(|(_, off)| off).collect()))
            .filter(|(_, offs): &(u32, Vec<u32>)| !offs.is_empty())
            .collect();
        let traps = code
            .buffer
            .traps()
            .iter()
            .map(|t| (t.offset, t.code))
            .collect();
        Ok(FunctionInfo {
            frame: below_fp
                .checked_add(16)
                .ok_or_else(|| Error::Function("stack frame too large".into()))?,
            stack_maps,
            traps,
        })
    }

    /// The smallest reserve this function can run with: its frame, rounded up to 16.
    pub fn reserve(&self) -> usize {
        (self.frame as usize).next_multiple_of(16)
    }

    /// An error when the function's frame is deeper than `reserve`: it could write below
    /// a stack's lowest byte before its check runs. (Raise the reserve up to
    /// [`morestack_runtime::MAX_RESERVE`], or make the frame smaller.)
    pub fn check_reserve(&self, reserve: usize) -> Result<(), Error> {
        if self.frame as usize > reserve {
            return Err(Error::Function(format!(
                "the function's frame is {} bytes, deeper than the stack's reserve of {reserve} bytes",
                self.frame
            )));
        }
        Ok(())
    }

    /// Registers the stack maps of the function whose code starts at `code` (the address
    /// the JIT gave it), so that stack copying finds the stack addresses of its frames,
    /// and its trap instructions, so that a trap ends the call with
    /// [`CallError::Trap`] instead of killing the process; both stay registered until the
    /// returned guard is dropped.
    ///
    /// # Safety
    /// `code` is the start of this very function's code, mapped while the guard lives:
    /// the runtime rewrites the stack slots these maps name in every frame whose return
    /// address matches, so wrong maps corrupt those frames.
    ///
    /// ```
    /// use cranelift_codegen::ir::{types::I64, *};
    /// use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
    /// use morestack_cranelift::{begin_function, isa, reloc, tail_signature, CodeKind, FunctionInfo};
    /// // f(p) = { g(); *p }: `p`, a pointer into the stack, is live across the call.
    /// let isa = isa(None, CodeKind::Relocatable)?;
    /// let sig = tail_signature(&[I64], &[I64]);
    /// let mut f = Function::with_name_signature(UserFuncName::user(0, 0), sig.clone());
    /// let mut fctx = FunctionBuilderContext::new();
    /// let mut b = FunctionBuilder::new(&mut f, &mut fctx);
    /// let p = begin_function(&mut b, &[0])?[0]; // parameter 0 is a stack address
    /// let g_sig = b.import_signature(tail_signature(&[], &[]));
    /// let g_name = b.func.declare_imported_user_function(UserExternalName::new(0, 1));
    /// let g = b.import_function(ExtFuncData {
    ///     name: ExternalName::user(g_name),
    ///     signature: g_sig,
    ///     colocated: true,
    ///     patchable: false,
    /// });
    /// b.ins().call(g, &[]);
    /// let v = b.ins().load(I64, MemFlagsData::trusted(), p, 0);
    /// b.ins().return_(&[v]);
    /// b.seal_all_blocks();
    /// b.finalize(isa.frontend_config());
    ///
    /// let mut ctx = cranelift_codegen::Context::for_function(f);
    /// // Optimized, then `p` kept in a stack-map slot across the call and reloaded.
    /// reloc::optimize_relocatable(&mut ctx, &*isa, &[0])?;
    /// ctx.compile(&*isa, &mut Default::default()).expect("compiles");
    /// let info = FunctionInfo::of(ctx.compiled_code().unwrap())?;
    /// assert_eq!(info.stack_maps.len(), 1); // the call to g, with the slot holding `p`
    /// // Here the code has been copied to executable memory (e.g. by cranelift-jit);
    /// // this example registers the compiled bytes where they are.
    /// let code = ctx.compiled_code().unwrap().code_buffer().as_ptr();
    /// let guard = unsafe { info.register(code) };
    /// // ... calls on stack objects ...
    /// drop(guard); // unregistered: the code may now be freed
    /// # Ok::<(), morestack_cranelift::Error>(())
    /// ```
    pub unsafe fn register(&self, code: *const u8) -> Registration {
        let sites: Vec<(usize, Vec<u32>)> = self
            .stack_maps
            .iter()
            .map(|(ret, offs)| (code as usize + *ret as usize, offs.clone()))
            .collect();
        let addrs = sites.iter().map(|(a, _)| *a).collect();
        // SAFETY: forwarded (this function's contract).
        unsafe { morestack_runtime::register_stack_maps(sites) };
        let traps: Vec<(usize, u8)> = self
            .traps
            .iter()
            .map(|(off, c)| (code as usize + *off as usize, c.as_raw().get()))
            .collect();
        morestack_runtime::register_traps(&traps);
        Registration {
            addrs,
            traps: traps.into_iter().map(|(pc, _)| pc).collect(),
        }
    }
}

/// Stack maps registered by [`FunctionInfo::register`]; dropping it unregisters them.
#[derive(Debug)]
#[must_use = "dropping the registration unregisters the stack maps"]
pub struct Registration {
    addrs: Vec<usize>,
    traps: Vec<usize>,
}

impl Registration {
    /// Adds `other`'s maps and traps to this guard (unregistered when it is dropped).
    pub fn merge(&mut self, mut other: Registration) {
        self.addrs.append(&mut other.addrs);
        self.traps.append(&mut other.traps);
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        morestack_runtime::unregister_stack_maps(&self.addrs);
        morestack_runtime::unregister_traps(&self.traps);
    }
}

/// One argument or result slot of an entry trampoline: 16 bytes, the value in its low
/// bytes (little-endian).
type Slot = [u64; 2];

/// The signature of every entry trampoline: SysV `(ctx, args, results)`, all `i64`
/// (see [`morestack_runtime::EntryFn`]).
pub fn entry_signature() -> Signature {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig
}

/// The parameter and result types of an entry trampoline's target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryShape {
    /// Parameter types.
    pub params: Vec<Type>,
    /// Result types.
    pub returns: Vec<Type>,
}

/// Builds into `func` (which must have [`entry_signature`]) the entry trampoline of
/// `target`, a function imported into `func` with its `Tail` signature: it sets the
/// pinned register to `ctx` (restoring the caller's value before it returns), loads each argument from its 16-byte slot of `args`, calls
/// `target` and stores each result into its slot of `results`.
///
/// ```
/// use cranelift_codegen::ir::{types::{F64, I64}, ExtFuncData, ExternalName, Function, UserFuncName};
/// use cranelift_frontend::FunctionBuilderContext;
/// use morestack_cranelift::{build_entry_trampoline, entry_signature, tail_signature, EntryShape};
/// let mut f = Function::with_name_signature(UserFuncName::user(0, 1), entry_signature());
/// let name = f.declare_imported_user_function(cranelift_codegen::ir::UserExternalName::new(0, 0));
/// let sig = f.import_signature(tail_signature(&[I64, F64], &[F64]));
/// let target = f.import_function(ExtFuncData {
///     name: ExternalName::user(name),
///     signature: sig,
///     colocated: true,
///     patchable: false,
/// });
/// let shape = build_entry_trampoline(&mut f, &mut FunctionBuilderContext::new(), target).unwrap();
/// assert_eq!(shape, EntryShape { params: vec![I64, F64], returns: vec![F64] });
/// ```
pub fn build_entry_trampoline(
    func: &mut Function,
    fctx: &mut FunctionBuilderContext,
    target: FuncRef,
) -> Result<EntryShape, Error> {
    if func.signature != entry_signature() {
        return Err(Error::Signature(
            "an entry trampoline must have entry_signature()".into(),
        ));
    }
    let sigref = func.dfg.ext_funcs[target].signature;
    let tsig = func.dfg.signatures[sigref].clone();
    if tsig.call_conv != CallConv::Tail {
        return Err(Error::Signature(
            "the target of an entry trampoline must use the tail calling convention".into(),
        ));
    }
    let shape = EntryShape {
        params: tsig.params.iter().map(|p| p.value_type).collect(),
        returns: tsig.returns.iter().map(|p| p.value_type).collect(),
    };
    for &t in shape.params.iter().chain(&shape.returns) {
        if t.bytes() > 16 {
            return Err(Error::Signature(format!("type {t} does not fit a slot")));
        }
    }
    let mut b = FunctionBuilder::new(func, fctx);
    let blk = b.create_block();
    b.append_block_params_for_function_params(blk);
    b.switch_to_block(blk);
    let p = b.block_params(blk).to_vec();
    let (ctx, args, results) = (p[0], p[1], p[2]);
    // The pinned register is callee-saved in SysV, which Cranelift does not honour for
    // it: keep the caller's value (the runtime's enter routine saves it too, but the
    // trampoline may also be called directly).
    let old = b.ins().get_pinned_reg(types::I64);
    b.ins().set_pinned_reg(ctx);
    let flags = MemFlagsData::trusted();
    let argv: Vec<Value> = shape
        .params
        .iter()
        .enumerate()
        .map(|(i, &t)| b.ins().load(t, flags, args, (i * 16) as i32))
        .collect();
    let call = b.ins().call(target, &argv);
    let rets = b.inst_results(call).to_vec();
    for (i, v) in rets.into_iter().enumerate() {
        b.ins().store(flags, v, results, (i * 16) as i32);
    }
    b.ins().set_pinned_reg(old);
    b.ins().return_(&[]);
    b.seal_all_blocks();
    b.finalize(cranelift_codegen::isa::TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    });
    Ok(shape)
}

/// Declares and defines in `module` the entry trampoline of function `target` (declared
/// in `module` with a `Tail` signature), named `name`: see [`build_entry_trampoline`].
/// Returns its id (for `get_finalized_function` after `finalize_definitions`) and the
/// target's shape (for [`Entry::new`]).
pub fn define_entry_trampoline<M: cranelift_module::Module>(
    module: &mut M,
    target: cranelift_module::FuncId,
    name: &str,
    fctx: &mut FunctionBuilderContext,
) -> Result<(cranelift_module::FuncId, EntryShape), Box<dyn std::error::Error>> {
    let id = module.declare_function(name, cranelift_module::Linkage::Local, &entry_signature())?;
    let mut ctx = module.make_context();
    ctx.func.signature = entry_signature();
    ctx.func.name = ir::UserFuncName::user(0, id.as_u32());
    let t = module.declare_func_in_func(target, &mut ctx.func);
    let shape = build_entry_trampoline(&mut ctx.func, fctx, t)?;
    module.define_function(id, &mut ctx)?;
    Ok((id, shape))
}

/// A finalized entry trampoline and the shape of its target.
#[derive(Clone, Debug)]
pub struct Entry {
    ptr: EntryFn,
    shape: EntryShape,
}

impl Entry {
    /// Wraps the code of a trampoline built by [`build_entry_trampoline`].
    ///
    /// # Safety
    /// `code` is that trampoline's finalized code, built with `shape`'s result, and stays
    /// mapped while the `Entry` is used.
    pub unsafe fn new(code: *const u8, shape: EntryShape) -> Entry {
        // SAFETY: the trampoline has the EntryFn signature (entry_signature()).
        let ptr = unsafe { std::mem::transmute::<*const u8, EntryFn>(code) };
        Entry { ptr, shape }
    }

    /// The target's parameter and result types.
    pub fn shape(&self) -> &EntryShape {
        &self.shape
    }

    /// The trampoline itself (arguments and results in 16-byte slots), e.g. to call it
    /// without a stack object on a thread's own stack with a context whose guard is 0.
    pub fn as_ptr(&self) -> EntryFn {
        self.ptr
    }
}

/// A 128-bit vector value (any lane type), as its bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct V128(pub u128);

/// A value an entry trampoline passes or returns.
pub trait Val: Copy {
    /// Whether `ty` is a Cranelift type this Rust type carries.
    fn fits(ty: Type) -> bool;
    /// The slot holding this value.
    fn to_slot(self) -> Slot;
    /// The value in a slot.
    fn from_slot(s: Slot) -> Self;
}

macro_rules! int_val {
    ($($t:ty => $ty:expr),*) => {$(
        impl Val for $t {
            fn fits(ty: Type) -> bool { ty == $ty }
            fn to_slot(self) -> Slot { [self as u64, 0] }
            fn from_slot(s: Slot) -> Self { s[0] as $t }
        }
    )*};
}
int_val!(i8 => types::I8, u8 => types::I8, i16 => types::I16, u16 => types::I16,
         i32 => types::I32, u32 => types::I32, i64 => types::I64, u64 => types::I64);

impl Val for f32 {
    fn fits(ty: Type) -> bool {
        ty == types::F32
    }
    fn to_slot(self) -> Slot {
        [u64::from(self.to_bits()), 0]
    }
    fn from_slot(s: Slot) -> Self {
        f32::from_bits(s[0] as u32)
    }
}

impl Val for f64 {
    fn fits(ty: Type) -> bool {
        ty == types::F64
    }
    fn to_slot(self) -> Slot {
        [self.to_bits(), 0]
    }
    fn from_slot(s: Slot) -> Self {
        f64::from_bits(s[0])
    }
}

impl Val for V128 {
    fn fits(ty: Type) -> bool {
        ty.is_vector() && ty.bits() == 128
    }
    fn to_slot(self) -> Slot {
        [self.0 as u64, (self.0 >> 64) as u64]
    }
    fn from_slot(s: Slot) -> Self {
        V128(u128::from(s[0]) | u128::from(s[1]) << 64)
    }
}

/// The arguments of a typed call: a tuple of [`Val`]s.
pub trait Params {
    /// Whether the tuple matches `tys`.
    fn fit(tys: &[Type]) -> bool;
    /// Writes the values into the first slots of `out` (a tuple has at most 8).
    fn write(self, out: &mut [Slot; 8]);
}

/// The results of a typed call: a tuple of [`Val`]s (or one).
pub trait Results: Sized {
    /// Whether the tuple matches `tys`.
    fn fit(tys: &[Type]) -> bool;
    /// The values from their slots.
    fn read(s: &[Slot]) -> Self;
}

macro_rules! tuples {
    ($(($($n:ident $i:tt),*)),*) => {$(
        impl<$($n: Val),*> Params for ($($n,)*) {
            fn fit(tys: &[Type]) -> bool {
                let want: &[fn(Type) -> bool] = &[$($n::fits),*];
                tys.len() == want.len() && tys.iter().zip(want).all(|(t, f)| f(*t))
            }
            #[allow(unused_variables)]
            fn write(self, out: &mut [Slot; 8]) {
                $(out[$i] = self.$i.to_slot();)*
            }
        }
        impl<$($n: Val),*> Results for ($($n,)*) {
            fn fit(tys: &[Type]) -> bool {
                let want: &[fn(Type) -> bool] = &[$($n::fits),*];
                tys.len() == want.len() && tys.iter().zip(want).all(|(t, f)| f(*t))
            }
            #[allow(unused_variables, clippy::unused_unit)]
            fn read(s: &[Slot]) -> Self {
                ($($n::from_slot(s[$i]),)*)
            }
        }
    )*};
}
tuples!((), (A 0), (A 0, B 1), (A 0, B 1, C 2), (A 0, B 1, C 2, D 3),
        (A 0, B 1, C 2, D 3, E 4), (A 0, B 1, C 2, D 3, E 4, F 5),
        (A 0, B 1, C 2, D 3, E 4, F 5, G 6), (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7));

/// Why a typed call ended without results.
#[derive(Debug, PartialEq, Eq)]
pub enum CallError<E> {
    /// The stack would have grown past its limit ([`StackConfig::stack_max`]).
    StackOverflow {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A host function failed with [`fail`] and this error.
    Host(E),
    /// Generated code executed a trap instruction (`trap`, `trapz`, a division by zero,
    /// ...) of a function whose [`Registration`] is alive.
    Trap(TrapCode),
    /// The arguments or results do not match the entry's signature (nothing ran).
    Signature(String),
    /// A stack could not be set up or grown (memory could not be mapped), or a host
    /// function failed with an error of another type.
    Setup(String),
    /// The runtime's own panic (a host function of morestack's Go runtime panicked).
    Panic(String),
    /// A fatal error of morestack's Go runtime (e.g. `all goroutines are asleep -
    /// deadlock!`: every goroutine blocked on a channel).
    Fatal(String),
}

impl<E: std::fmt::Debug> std::fmt::Display for CallError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CallError::StackOverflow { limit } => {
                write!(f, "stack overflow: the stack would exceed {limit} bytes")
            }
            CallError::Host(e) => write!(f, "host function failed: {e:?}"),
            CallError::Trap(c) => write!(f, "trap: {c}"),
            CallError::Signature(m) | CallError::Setup(m) => f.write_str(m),
            CallError::Panic(m) => write!(f, "panic: {m}"),
            CallError::Fatal(m) => write!(f, "fatal error: {m}"),
        }
    }
}

impl<E: std::fmt::Debug> std::error::Error for CallError<E> {}

/// A stack object for generated code: a [`GrowableStack`] kept between calls, with typed
/// calls of entry trampolines. Host functions receive its user data ([`user_data`]) and
/// fail with `E` ([`fail`]).
pub struct Stack<E = Box<dyn std::error::Error + Send + Sync>> {
    inner: GrowableStack,
    reserve: usize,
    _err: PhantomData<fn() -> E>,
}

impl<E: Send + 'static> Stack<E> {
    /// Maps a stack as `cfg` says (see [`StackConfig`]).
    pub fn new(cfg: &StackConfig) -> Result<Self, CallError<E>> {
        let inner = GrowableStack::new(cfg).map_err(|e| CallError::Setup(e.to_string()))?;
        Ok(Stack {
            inner,
            reserve: cfg.reserve,
            _err: PhantomData,
        })
    }

    /// The reserve below the guard (every function this stack runs must have a frame of
    /// at most this many bytes: [`FunctionInfo::check_reserve`]).
    pub fn reserve(&self) -> usize {
        self.reserve
    }

    /// Sets the pointer host functions get from [`user_data`].
    pub fn set_user_data<T>(&mut self, data: *mut T) {
        self.inner.set_user_data(data as *mut ());
    }

    /// Calls `entry`'s target with `args` on this stack and returns its results. The
    /// argument and result types are checked against the entry's shape first.
    ///
    /// # Safety
    /// The entry's code and every function it reaches are mapped and were compiled for
    /// this stack's strategy with the stack check ([`crate::stack_check`]), with frames
    /// no deeper than the reserve; for the copying strategy, every stack address was
    /// declared ([`crate::reloc`]) and every function's stack maps are registered. Host
    /// functions it calls follow [`fail`]'s and [`user_data`]'s contracts.
    pub unsafe fn call<P: Params, R: Results>(
        &mut self,
        entry: &Entry,
        args: P,
    ) -> Result<R, CallError<E>> {
        if !P::fit(&entry.shape.params) || !R::fit(&entry.shape.returns) {
            return Err(CallError::Signature(format!(
                "the call does not match the entry's signature {:?} -> {:?}",
                entry.shape.params, entry.shape.returns
            )));
        }
        // At most 8 of each (the tuples are): no allocation on the call path.
        let mut argv: [Slot; 8] = [[0; 2]; 8];
        args.write(&mut argv);
        let mut results: [Slot; 8] = [[0; 2]; 8];
        // SAFETY: the trampoline reads one slot per parameter and writes one per result
        // (checked above); the rest is this function's contract.
        let r = unsafe {
            self.inner.call(
                entry.ptr,
                argv.as_ptr() as *const i64,
                results.as_mut_ptr() as *mut i64,
            )
        };
        match r {
            Ok(()) => Ok(R::read(&results)),
            Err(RunError::StackOverflow { limit }) => Err(CallError::StackOverflow { limit }),
            Err(RunError::Host) => match self.inner.take_host_error().map(|e| e.downcast::<E>()) {
                Some(Ok(e)) => Err(CallError::Host(*e)),
                _ => Err(CallError::Setup(
                    "a host function failed with an error of another type".into(),
                )),
            },
            Err(RunError::Setup(m)) => Err(CallError::Setup(m)),
            Err(RunError::Trap { code }) => Err(match std::num::NonZeroU8::new(code) {
                Some(c) => CallError::Trap(TrapCode::from_raw(c)),
                None => CallError::Setup("a trap without a code".into()),
            }),
            Err(RunError::Panic(m)) => Err(CallError::Panic(m)),
            Err(RunError::Fatal(m)) => Err(CallError::Fatal(m)),
        }
    }

    /// What the runtime did on this stack so far.
    pub fn stats(&self) -> RunStats {
        self.inner.stats()
    }
}

/// Ends the call in progress with [`CallError::Host`]`(err)`.
///
/// # Safety
/// `ctx` is the context the host function received (a call in progress on this thread,
/// on a [`Stack<E>`] with this `E`), and this is called from the host function's own
/// frame with nothing left that needs `Drop` (the frames between here and the runtime
/// are discarded, as by `longjmp`).
pub unsafe fn fail<E: Send + 'static>(ctx: *mut Context, err: E) -> ! {
    let b: Box<dyn Any + Send> = Box::new(err);
    // SAFETY: forwarded (this function's contract).
    unsafe { morestack_runtime::host_fail(ctx, b) }
}

/// The user data of the stack running the call (set with [`Stack::set_user_data`]).
///
/// # Safety
/// `ctx` is the context a host function received (a call in progress on this thread).
pub unsafe fn user_data<T>(ctx: *mut Context) -> *mut T {
    // SAFETY: forwarded.
    unsafe { morestack_runtime::user_data(ctx) as *mut T }
}

/// Emits a call of host function `f` (an `extern "C" fn(ctx: *mut Context, args...)`
/// whose parameters after `ctx` are `args`' types and whose results are `returns`)
/// through morestack's host-call thunk, which runs it on the thread's system stack.
/// At most 5 integer and 8 float arguments (all in registers), and at most 2 results;
/// for more arguments, see [`emit_host_call_in_memory`].
pub fn emit_host_call(
    b: &mut FunctionBuilder,
    f: usize,
    args: &[Value],
    returns: &[Type],
) -> Result<Vec<Value>, Error> {
    let tys: Vec<Type> = args.iter().map(|&v| b.func.dfg.value_type(v)).collect();
    let ints = tys.iter().filter(|t| t.is_int()).count();
    if ints > 5 || tys.len() - ints > 8 || returns.len() > 2 {
        return Err(Error::Signature(
            "a host call takes at most 5 integer and 8 float arguments (more: emit_host_call_in_memory) and returns at most 2 values".into(),
        ));
    }
    let mut sig = Signature::new(CallConv::SystemV);
    sig.params.push(AbiParam::new(types::I64));
    sig.params.extend(tys.iter().map(|&t| AbiParam::new(t)));
    sig.returns
        .extend(returns.iter().map(|&t| AbiParam::new(t)));
    let sigref = b.import_signature(sig);
    let thunk = b
        .ins()
        .iconst(types::I64, morestack_runtime::hostcall_thunk() as i64);
    let fv = b.ins().iconst(types::I64, f as i64);
    let mut argv = vec![fv];
    argv.extend_from_slice(args);
    let call = b.ins().call_indirect(sigref, thunk, &argv);
    Ok(b.inst_results(call).to_vec())
}

/// Emits a call of host function `f` with any number of arguments, passed in memory:
/// `f` is an `extern "C" fn(ctx: *mut Context, args: *const [u64; 2], n: usize) -> R`
/// where `R` is `returns` (at most 2 values: `()`, an integer, a float or two
/// integers). The arguments are stored into a block of the caller's frame, one 16-byte
/// slot each (integers sign-extended to 64 bits; floats and vectors as their bits, in
/// the slot's low bytes), and `f` reads them with [`HostArgs`]. The call goes through
/// the in-place thunk ([`morestack_runtime::hostcall_thunk_in_place`]), which never
/// moves the stack, so the block stays where `args` points until `f` returns.
pub fn emit_host_call_in_memory(
    b: &mut FunctionBuilder,
    f: usize,
    args: &[Value],
    returns: &[Type],
) -> Result<Vec<Value>, Error> {
    if returns.len() > 2 {
        return Err(Error::Signature(
            "a host call returns at most 2 values".into(),
        ));
    }
    let n = args.len();
    let bytes = u32::try_from(n * 16)
        .ok()
        .filter(|&b| b <= 1 << 20)
        .ok_or_else(|| Error::Signature("a host call takes at most 65 536 arguments".into()))?;
    let slot = b.create_sized_stack_slot(ir::StackSlotData::new(
        ir::StackSlotKind::ExplicitSlot,
        bytes.max(16),
        4,
    ));
    for (i, &v) in args.iter().enumerate() {
        let ty = b.func.dfg.value_type(v);
        let v = if ty.is_int() && ty.bits() < 64 {
            b.ins().sextend(types::I64, v)
        } else if ty.is_int() && ty.bits() > 64
            || !(ty.is_int() || ty.is_float() || ty.bits() == 128)
        {
            return Err(Error::Signature(format!(
                "a host call argument of type {ty} is not supported"
            )));
        } else {
            v
        };
        b.ins().stack_store(types::I64, v, slot, (16 * i) as i32);
    }
    let addr = b.ins().stack_addr(types::I64, slot, 0);
    let count = b.ins().iconst(types::I64, n as i64);
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns
        .extend(returns.iter().map(|&t| AbiParam::new(t)));
    let sigref = b.import_signature(sig);
    let thunk = b.ins().iconst(
        types::I64,
        morestack_runtime::hostcall_thunk_in_place() as i64,
    );
    let fv = b.ins().iconst(types::I64, f as i64);
    let call = b.ins().call_indirect(sigref, thunk, &[fv, addr, count]);
    Ok(b.inst_results(call).to_vec())
}

/// The arguments of a host function called through [`emit_host_call_in_memory`].
#[derive(Clone, Copy, Debug)]
pub struct HostArgs<'a>(&'a [Slot]);

impl<'a> HostArgs<'a> {
    /// The arguments `f` received as `(args, n)`.
    ///
    /// # Safety
    /// `args` and `n` are what the host function received from a call emitted by
    /// [`emit_host_call_in_memory`], and the result is used only before it returns.
    pub unsafe fn new(args: *const [u64; 2], n: usize) -> HostArgs<'a> {
        // SAFETY: the caller's block holds `n` slots and outlives the host call.
        HostArgs(unsafe { std::slice::from_raw_parts(args, n) })
    }

    /// How many arguments there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Argument `i` as a `T` (of the type the generated code passed; an integer
    /// narrower than 64 bits may also be read as `i64`), or `None` past the end.
    pub fn get<T: Val>(&self, i: usize) -> Option<T> {
        self.0.get(i).map(|&s| T::from_slot(s))
    }
}

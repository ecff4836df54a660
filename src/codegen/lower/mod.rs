//! Lowering of one checked function to Cranelift IR: the Go half of code generation
//! (the stack-ABI half, the prologue, stack maps and entry trampolines, is in
//! [`super::prologue`], [`super::reloc`], [`super::machine`] and [`super::trampoline`]).
//!
//! Evaluation order follows the gc compiler: before a statement's expressions are
//! evaluated, every call in them is evaluated, left to right, into a temporary (as gc's
//! `order` pass does), except inside the right operand of `&&`/`||`; then the rest of the
//! expression is evaluated left to right.
//!
//! # Keeping frames small
//!
//! Frames are compared with Go's (`ci/frames.py`); what keeps ours close:
//!
//! - **Inlining** of small leaves ([`analysis::inlinable`]): a call is lowered as the
//!   callee's body at the point where the call would run (its arguments evaluated
//!   first), its `return`s jumping to a join block; its locals are fresh variables. Go
//!   inlines the same functions (budget 80 nodes); a caller whose only calls were to
//!   such functions becomes a leaf itself.
//! - **Small leaves without a check** (`machine`): see `Role::Leaf`.
//! - **Scalar replacement** of local arrays used only through constant indices
//!   ([`analysis`]): their touched elements are variables.
//! - **Deferred locals** ([`analysis::deferred_locals`]): a local assigned once from a
//!   pure expression and read once is computed at its read.
//! - **Stable globals**: loads of globals the function (and everything it calls) never
//!   assigns are pure for the optimizer (see `mf_stable`).
//! - **Results in place**: array results live in the result area (module docs of
//!   `codegen`); `x = f()`, `x = [N]T{...}` and `return [N]T{...}` evaluate straight into
//!   their destination when nothing the right side reads is there.
//! - **One packed slot** holds the locals in memory and, above them, the temporaries of
//!   the statement being lowered, popped when it ends; a local the code
//!   never touches gets no room.
//! - **Host calls** (prints, panics) sit in blocks of their own, so that the optimizer
//!   rematerializes their constants instead of keeping them alive across calls, and print
//!   arguments that cannot panic are evaluated just before they are printed.
//!
//! # Files
//!
//! - `mod.rs` (this file): [`lower_function`] (a function's entry: where each local
//!   lives, the stack check, the body, the frame), the `Lower` state and what every
//!   part shares (`Store`, `Place`, memory flags, returns, function references).
//! - `stmt`: statements: assignment in Go's two phases (`PendingPlace`), `if` chains
//!   and `switch` through join trees, loops and loop counter ranges, `return` (through
//!   the result area too), `print`, `panic`.
//! - `expr`: expressions and operators, the hoisting of calls (gc's `order`), array
//!   literals and arrays evaluated straight into their destination.
//! - `call`: calls of generated functions (arguments, result areas, parameter
//!   blocks), inlining of small leaves, host calls.
//! - `memory`: where values live: places, loads and stores, the packed frame slot
//!   (`Packed`: locals and temporaries), block copy, zeroing and comparison of arrays
//!   (`memory::chunks`).
//! - `checks`: run-time checks (nil pointers, bounds) and panics.
//! - `goroutine`: channel operations, `select`, `go`, `Gosched`, `NumGoroutine`.

mod call;
mod checks;
mod expr;
mod goroutine;
mod memory;
mod stmt;

/// For `codegen::tests`.
#[cfg(test)]
pub(crate) use memory::chunks;

use super::analysis::{self, Facts};
use super::prologue::{emit_stack_check, ContextOffsets, StackCheck};
use super::{func_name, type_size, CodegenError, HostAddrs, Layout, Options, ParamLoc, Strings};
use crate::check::hir::*;
use cranelift_codegen::ir::{
    self, types, Block, ExtFuncData, ExternalName, FuncRef, GlobalValue, GlobalValueData,
    InstBuilder, MemFlagsData, SigRef, Signature, TrapCode, UserExternalName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use memory::Packed;
use std::collections::{BTreeMap, HashMap, HashSet};

pub(super) const I64: ir::Type = types::I64;

pub(super) fn mf() -> MemFlagsData {
    MemFlagsData::trusted()
}

/// Flags of a load of an `int` in a global that the function never changes (nor does
/// anything it calls), at an address that is always inside the global (a scalar global,
/// or an element at a constant or provably in-range index): `readonly` and `can_move`
/// make the load pure for Cranelift's optimizer, which then places it next to its use
/// (or hoists it out of loops) like any arithmetic. Loading it anywhere in the function
/// gives the same value and cannot fault.
fn mf_stable() -> MemFlagsData {
    let mut f = mf();
    f.set_readonly();
    f.set_can_move();
    f
}

/// Where a local lives.
#[derive(Clone, Copy)]
enum Store {
    /// An SSA variable (scalar, address never taken).
    Var(Variable),
    /// Memory in this frame: at this offset in the locals' slot (see [`Packed`]).
    Slot(u64),
    /// Memory in this frame, not placed yet (it is placed on first use, so a local the
    /// code never touches takes no room).
    Lazy,
    /// Memory at this address (an array parameter: the caller's copy; an array result:
    /// its place in the result area).
    Ptr(Value),
    /// An array replaced by scalars ([`analysis`]): its elements are the variables of
    /// `Lower::scalars`.
    Scalars,
    /// A declared array larger than [`super::MAX_STACK_VAR`] (Go's `maxStackVarSize`):
    /// memory outside the stack that the function gets from `host::heap_local` at entry
    /// and gives back at every return (`host::heap_free`); the variable holds its
    /// address.
    Heap(Variable),
    /// A stack-passed `int` or `bool` parameter that the function never assigns: read
    /// where it is used from its argument slot, at this offset from the frame pointer
    /// ([`super::prologue::tail_stack_arg_offset`]), as Go reads such arguments from its
    /// caller's frame. (Bound to a variable, Cranelift would load every stack argument
    /// into a register at entry and spill what does not fit into new slots of this
    /// frame.)
    Arg(i32),
    /// An `int` or `bool` parameter in the parameter block that the function never
    /// assigns: read where it is used, at this offset of the block.
    Block(u32),
}

/// A fact about a register variable (see `Lower::known`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Known {
    /// Not nil (a pointer that passed its nil check).
    NonNil,
    /// A multiple of `1 << k` (an integer for which `x % (1 << k) == 0` held).
    Pow2(u32),
    /// An index that passed its bounds check against this length: `0 <= x < len`
    /// (Go's prove pass, for an index checked once and used again).
    InBounds(u64),
}

/// An assignable location.
#[derive(Clone, Copy)]
enum Place {
    Var(Variable),
    Mem(Value),
}

/// Imports a generated function (namespace 0) into `func`.
pub(super) fn import_gen_func(func: &mut ir::Function, index: u32, sig: Signature) -> FuncRef {
    let sigref = func.import_signature(sig);
    let name = func.declare_imported_user_function(UserExternalName::new(0, index));
    func.import_function(ExtFuncData {
        name: ExternalName::user(name),
        signature: sigref,
        colocated: true,
        patchable: false,
    })
}

/// Data object 0 (namespace 1 of external names): the package's global variables.
pub const DATA_GLOBALS: u32 = 0;
/// Data object 1: string literals, in an object file ([`Options::aot`]).
pub const DATA_STRINGS: u32 = 1;
/// Data object 2: the host table, in an object file ([`Options::aot`]).
pub const DATA_HOST_TABLE: u32 = 2;

struct Lower<'a, 'b> {
    b: FunctionBuilder<'b>,
    prog: &'a Program,
    layout: &'a Layout,
    func: &'a Func,
    fid: FuncId,
    host: &'a HostAddrs,
    strings: &'a mut Strings,
    locals: Vec<Store>,
    /// (break target, continue target) of enclosing `for`s and `switch`es.
    targets: Vec<(Block, Option<Block>)>,
    /// The break targets some `break` jumped to (a loop's exit that only its condition
    /// reaches keeps what the condition's checks showed, see `Lower::for_stmt`).
    broken: HashSet<Block>,
    result_area: Option<Value>,
    /// The address of the parameter block (see [`super::ParamLoc`]), when there is one.
    param_block: Option<Value>,
    func_refs: HashMap<u32, FuncRef>,
    host_sig: Option<SigRef>,
    /// The symbols of the data objects used so far, by index ([`DATA_GLOBALS`]...).
    data_gvs: [Option<GlobalValue>; 3],
    /// Code for an object file ([`Options::aot`]).
    aot: bool,
    hoisted: HashMap<*const Expr, Value>,
    /// Ranges of loop counters inside the bodies of the loops that count them.
    ranges: Vec<(LocalId, i64, i64)>,
    /// Facts about register variables that hold on every path to the current point:
    /// pointers already checked against nil (Go's nilcheckelim), integers a test showed
    /// to be multiples of a power of two, indices that passed a bounds check; `None`
    /// marks an entry invalidated by an assignment. Regions of conditional code truncate
    /// it back to its length at their start.
    known: Vec<Option<(LocalId, Variable, Known)>>,
    /// What [`analysis::scan`] found about the function.
    facts: Facts,
    /// The element variables of arrays replaced by scalars, by local and flat index.
    scalars: Vec<BTreeMap<u64, Variable>>,
    /// The locals in memory (arrays, address-taken scalars) and the temporaries (call
    /// result areas, argument copies, literals), packed in one slot. Temporaries form a
    /// stack above the locals: a statement's temporaries are popped when it ends (a
    /// temporary never outlives its statement), so later statements reuse the room.
    frame: Packed,
    /// Relocatable code ([`Options::relocatable`]).
    relocatable: bool,
    /// While the body of an inlined function is lowered: the block its `return`s jump
    /// to, with the results as block parameters.
    inline_ret: Option<Block>,
    /// The value expressions of deferred locals ([`Facts::deferred`]) whose assignment
    /// has been reached: their one read evaluates it.
    deferred: Vec<Option<&'a Expr>>,
    /// The function being compiled (`fid` is an inlined callee's while its body is
    /// lowered).
    root: FuncId,
}

/// Lowers function `fid` of `prog`.
pub fn lower_function(
    prog: &Program,
    layout: &Layout,
    fid: FuncId,
    opts: &Options,
    host: &HostAddrs,
    strings: &mut Strings,
    fctx: &mut FunctionBuilderContext,
) -> Result<ir::Function, CodegenError> {
    let func = &prog.funcs[fid.0 as usize];
    let abi = layout.abi(fid);
    let mut irf = ir::Function::with_name_signature(func_name(fid.0), abi.sig.clone());
    let b = FunctionBuilder::new(&mut irf, fctx);
    let mut l = Lower {
        b,
        prog,
        layout,
        func,
        fid,
        host,
        strings,
        locals: Vec::new(),
        targets: Vec::new(),
        result_area: None,
        param_block: None,
        func_refs: HashMap::new(),
        host_sig: None,
        data_gvs: [None; 3],
        aot: opts.aot,
        hoisted: HashMap::new(),
        ranges: Vec::new(),
        known: Vec::new(),
        broken: HashSet::new(),
        facts: analysis::scan(func, &|g| {
            !layout.globals_written[fid.0 as usize][g.0 as usize]
        }),
        scalars: Vec::new(),
        frame: Packed::default(),
        relocatable: opts.relocatable,
        inline_ret: None,
        deferred: vec![None; func.locals.len()],
        root: fid,
    };
    let entry = l.b.create_block();
    l.b.append_block_params_for_function_params(entry);
    l.b.switch_to_block(entry);
    let mut params = l.b.block_params(entry).to_vec();
    if opts.stack_check {
        let self_ref = l.func_ref(fid);
        let self_sig = l.b.func.dfg.ext_funcs[self_ref].signature;
        let check = StackCheck {
            self_ref,
            self_sig,
            argbytes: abi.argbytes,
            ptrmask: abi.ptrmask,
        };
        let (_, p) = emit_stack_check(&mut l.b, &params, &check, &ContextOffsets::runtime());
        params = p;
    }
    if !abi.ret_in_regs {
        l.result_area = Some(params[0]);
    }
    l.param_block = abi.block.map(|i| params[i as usize]);
    let result_offsets = &abi.result_offsets;
    // Stack-passed parameters are read in place (`Store::Arg`) when every parameter is
    // one 64-bit integer word, as `tail_stack_arg_offset` assumes.
    let stack_arg = abi.sig.params.iter().all(|p| p.value_type == I64);
    let mut assigned = std::collections::BTreeSet::new();
    super::constprop::assigned_in(&func.body, &mut assigned);
    // In loops nested this deep, int and bool variables live in the frame: as SSA
    // variables, each one live across the inner loops would be a block parameter of every
    // inner loop header, and Cranelift's removal of constant phis is cubic in the nesting
    // (200 nested loops took 0.6 s to compile, 1000 over 100 s).
    let deep_loops = analysis::loop_depth(&func.body) > analysis::DEEP_LOOPS;
    for (i, local) in func.locals.iter().enumerate() {
        let is_param = i < func.params;
        let loc = abi.params.get(i).copied().filter(|_| is_param);
        // The parameter's value, loaded at entry when it is in the parameter block.
        let param = |l: &mut Lower| match loc {
            Some(ParamLoc::Cl(c)) => params[c as usize],
            Some(ParamLoc::Block(off)) => {
                let blk = l.param_block.expect("parameter block");
                l.b.ins().load(I64, mf(), blk, off as i32)
            }
            None => unreachable!("not a parameter"),
        };
        let result = i
            .checked_sub(func.params)
            .filter(|&r| r < func.results.len());
        let mut elems = BTreeMap::new();
        let store = if let Some(ids) = &l.facts.scalars[i] {
            for &k in ids {
                elems.insert(k, l.b.declare_var(I64));
            }
            Store::Scalars
        } else if local.ty.is_array() {
            if is_param {
                Store::Ptr(param(&mut l))
            } else if result.is_none() && super::on_heap(local) {
                // Its memory for the whole call (a declaration that runs again zeroes it;
                // one with an initializer writes it).
                let v = l.b.declare_var(I64);
                let size = type_size(&local.ty);
                let (zero, n) = (l.b.ins().iconst(I64, 0), l.b.ins().iconst(I64, size as i64));
                let m = l.host_call(l.host.heap_local, zero, n, zero);
                l.b.def_var(v, m);
                Store::Heap(v)
            } else if let (Some(r), Some(area), true) = (result, l.result_area, l.facts.used[i]) {
                // Array results live in the caller's result area: the callee builds them
                // in place and `return` needs no copy.
                let off = result_offsets[r] as i64;
                Store::Ptr(l.b.ins().iadd_imm_s(area, off))
            } else {
                Store::Lazy
            }
        } else if local.addr_taken || (deep_loops && matches!(local.ty, Type::Int | Type::Bool)) {
            let off = l.alloc(false, type_size(&local.ty), func.pos)?;
            if is_param {
                let (a, v) = (l.packed_addr(off), param(&mut l));
                l.store_mem(a, v, &local.ty);
            }
            Store::Slot(off)
        } else if let (Some(ParamLoc::Block(off)), false) =
            (loc, assigned.contains(&LocalId(i as u32)))
        {
            Store::Block(off)
        } else if let Some(off) = loc
            .and_then(|loc| match loc {
                ParamLoc::Cl(c) if stack_arg => super::prologue::tail_stack_arg_offset(c as usize),
                _ => None,
            })
            .filter(|_| {
                // Not a pointer: a stack move relocates the pointers in this frame's
                // variables (stack maps), not those in its argument slots.
                matches!(local.ty, Type::Int | Type::Bool) && !assigned.contains(&LocalId(i as u32))
            })
        {
            Store::Arg(off)
        } else {
            let v = l.b.declare_var(I64);
            if is_param {
                let p = param(&mut l);
                l.b.def_var(v, p);
            }
            Store::Var(v)
        };
        l.locals.push(store);
        l.scalars.push(elems);
    }
    for r in func.result_ids() {
        l.zero_local(r)?;
    }
    l.stmts(&func.body)?;
    if !l.filled() {
        if func.results.is_empty() {
            l.ret(&[]);
        } else {
            l.b.ins().trap(TrapCode::unwrap_user(1));
        }
    }
    l.b.seal_all_blocks();
    super::phis::remove_redundant_params(l.b.func);
    l.finish_slots();
    l.b.finalize(cranelift_codegen::isa::TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    });
    Ok(irf)
}

impl<'a, 'b> Lower<'a, 'b> {
    fn filled(&self) -> bool {
        let Some(blk) = self.b.current_block() else {
            return true;
        };
        match self.b.func.layout.last_inst(blk) {
            Some(inst) => self.b.func.dfg.insts[inst].opcode().is_terminator(),
            None => false,
        }
    }

    /// Returns `vals` from the function, after giving back the memory of its
    /// [`Store::Heap`] locals.
    fn ret(&mut self, vals: &[Value]) {
        for i in 0..self.locals.len() {
            if let Store::Heap(v) = self.locals[i] {
                let p = self.b.use_var(v);
                let z = self.b.ins().iconst(I64, 0);
                self.host_call(self.host.heap_free, p, z, z);
            }
        }
        self.b.ins().return_(vals);
    }

    /// Starts a fresh (unreachable) block after a terminator.
    fn dead_block(&mut self) {
        let blk = self.b.create_block();
        self.b.switch_to_block(blk);
    }

    fn func_ref(&mut self, f: FuncId) -> FuncRef {
        if let Some(r) = self.func_refs.get(&f.0) {
            return *r;
        }
        let sig = self.layout.abi(f).sig.clone();
        let r = import_gen_func(self.b.func, f.0, sig);
        self.func_refs.insert(f.0, r);
        r
    }

    /// The address of data object `index` (namespace 1 of external names: see
    /// [`DATA_GLOBALS`]), its symbol declared once per function.
    fn data_base(&mut self, index: u32) -> Value {
        let gv = match self.data_gvs[index as usize] {
            Some(gv) => gv,
            None => {
                let name = self
                    .b
                    .func
                    .declare_imported_user_function(UserExternalName::new(1, index));
                // Not colocated: in the JIT the globals are a mapping of their own
                // (src/jit.rs), not necessarily within PC-relative reach of the code.
                let gv = self.b.create_global_value(GlobalValueData::Symbol {
                    name: ExternalName::user(name),
                    offset: ir::immediates::Imm64::new(0),
                    colocated: false,
                    tls: false,
                });
                self.data_gvs[index as usize] = Some(gv);
                gv
            }
        };
        self.b.ins().symbol_value(I64, gv)
    }

    fn globals_base(&mut self) -> Value {
        self.data_base(DATA_GLOBALS)
    }

    /// The address of a host function or thunk: `addr` itself in the JIT; for an object
    /// file `addr` is its index in the host table, loaded from there (written once at
    /// start-up, before any generated code runs).
    fn host_addr(&mut self, addr: i64) -> Value {
        if !self.aot {
            return self.b.ins().iconst(I64, addr);
        }
        let t = self.data_base(DATA_HOST_TABLE);
        self.b.ins().load(I64, mf_stable(), t, (addr * 8) as i32)
    }

    /// The address of string literal `s` (see [`Strings`]).
    fn string_addr(&mut self, s: &[u8]) -> Value {
        let addr = self.strings.intern(s, self.aot);
        if !self.aot {
            return self.b.ins().iconst(I64, addr);
        }
        let base = self.data_base(DATA_STRINGS);
        self.b.ins().iadd_imm_s(base, addr)
    }
}

/// Whether an array-valued expression yields a fresh temporary (no copy needed).
fn is_fresh(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::ArrayLit(_) | ExprKind::Call(..))
}

/// The array an index expression's operand denotes: (reached through a pointer, its
/// length, its element type).
fn indexed_array(base: &Expr) -> Result<(bool, u64, &Type), CodegenError> {
    match &base.ty {
        Type::Pointer(t) => match &**t {
            Type::Array(n, el) => Ok((true, *n, el)),
            _ => Err(CodegenError::new(
                base.pos,
                "internal error: index of non-array",
            )),
        },
        Type::Array(n, el) => Ok((false, *n, el)),
        _ => Err(CodegenError::new(
            base.pos,
            "internal error: index of non-array",
        )),
    }
}

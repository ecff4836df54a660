//! Lowering of one checked function (and of entry trampolines) to Cranelift IR.
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

use super::analysis::{self, Facts};
use super::prologue::{emit_stack_check, ContextOffsets, StackCheck};
use super::{
    func_name, type_align, type_size, CodegenError, HostAddrs, Layout, Options, ParamLoc, Strings,
};
use crate::check::hir::*;
use cranelift_codegen::ir::{
    self, condcodes::IntCC, types, AbiParam, Block, BlockArg, ExtFuncData, ExternalName, FuncRef,
    GlobalValue, GlobalValueData, InstBuilder, MemFlagsData, SigRef, Signature, StackSlot,
    StackSlotData, StackSlotKind, TrapCode, UserExternalName, Value,
};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext, Variable};
use std::collections::{BTreeMap, HashMap};

const I64: ir::Type = types::I64;

/// Array zeroing and copying are fully unrolled (16-byte chunks) up to this many bytes.
const UNROLL_BYTES: u64 = 512;
/// Larger blocks are handled by a loop over groups of this many bytes.
const LOOP_BYTES: u64 = 128;
/// Array `==` is fully unrolled (8-byte words) up to this many bytes; larger arrays are
/// compared by a loop over words that stops at the first difference.
const EQ_UNROLL_BYTES: u64 = 64;

fn mf() -> MemFlagsData {
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

/// Flags of a `width`-byte access inside an object whose type has alignment `align`: it
/// cannot trap, and it is marked `aligned` only when `width <= align`. A 16-byte chunk
/// of an `int` array is only 8-byte aligned (globals, elements of outer arrays, array
/// parameters), and any chunk wider than a byte of a `bool` array may be unaligned.
fn mf_block(width: u64, align: u64) -> MemFlagsData {
    if width <= align {
        mf()
    } else {
        let mut f = MemFlagsData::new();
        f.set_notrap();
        f
    }
}

/// The Cranelift type of a `width`-byte chunk (1, 2, 4, 8 or 16).
fn chunk_type(width: u64) -> ir::Type {
    match width {
        1 => types::I8,
        2 => types::I16,
        4 => types::I32,
        8 => I64,
        _ => types::I64X2,
    }
}

/// The accesses `(offset, width)` that cover bytes `from..bytes` of an object of `bytes`
/// bytes, with chunks of at most `max` bytes (8 or 16): whole `max`-byte chunks, then the
/// tail of `r < max` bytes with one access of the smallest power of two `w >= r`, placed
/// to end at `bytes` (it overlaps bytes already covered, which is harmless for zeroing,
/// copying and comparing), or, when the whole object is smaller than `w`, two accesses of
/// `w / 2` bytes at `0` and `bytes - w / 2`. Never reaches outside `0..bytes`. For
/// objects whose size is a multiple of 8 (everything but `bool` arrays) the tail is a
/// single aligned 8-byte word.
pub(crate) fn chunks(from: u64, bytes: u64, max: u64) -> Vec<(u64, u64)> {
    let mut v = Vec::new();
    let mut off = from;
    while off + max <= bytes {
        v.push((off, max));
        off += max;
    }
    let rem = bytes - off;
    if rem == 0 {
        return v;
    }
    let w = rem.next_power_of_two();
    if w <= bytes {
        v.push((bytes - w, w));
    } else {
        v.push((0, w / 2));
        v.push((bytes - w / 2, w / 2));
    }
    v
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

/// The left side of an assignment after its first phase (Go's spec, "Assignment
/// statements"): the operands of its index expressions and pointer indirections are
/// evaluated, but the nil and bounds checks wait for the store, after the right side.
struct PendingPlace<'e> {
    /// Where the place starts: a ready place (no checks left), or the address of an
    /// array, or a pointer that is nil-checked at the store.
    start: PendingStart<'e>,
    /// Index steps from `start`, outermost first: (index, length, element size, whether
    /// the index needs its bounds check).
    steps: Vec<(Value, u64, i64, bool)>,
}

enum PendingStart<'e> {
    /// No operation left (a variable, or memory needing no check).
    Ready(Place),
    /// An address inside the frame, a global or an array parameter: never nil.
    Addr(Value),
    /// The value of pointer expression `.0`: nil-checked at the store.
    Ptr(&'e Expr, Value),
    /// A constant index out of range in an array replaced by scalars: its panic.
    Oob(i64, u64),
}

/// An assignable location.
#[derive(Clone, Copy)]
enum Place {
    Var(Variable),
    Mem(Value),
}

/// Objects packed into one stack slot (created on first use, sized when the function is
/// complete: a slot's size only matters then). One slot instead of one per object:
/// Cranelift rounds every slot up to 8 bytes (`bool` arrays are often smaller), and
/// optimized code computes every address from the slot's one base address, which stays
/// in a register, rather than keeping the address of every object alive.
#[derive(Default)]
struct Packed {
    slot: Option<StackSlot>,
    /// End of the objects placed so far (locals and live temporaries).
    top: u64,
    /// End of the locals placed so far: temporaries are popped down to here at most (a
    /// local may be placed while temporaries are live, above them).
    floor: u64,
    /// The slot's size: the largest `top` reached.
    size: u64,
}

/// The alignment of an object of `size` bytes in memory (module docs of `codegen`: 16
/// from 16 bytes up, else 8 for multiples of 8, else 1): at least the alignment of any
/// type of that size, since only `bool` objects have sizes that are not multiples of 8.
fn object_align(size: u64) -> u64 {
    if size >= 16 {
        16
    } else if size.is_multiple_of(8) {
        8
    } else {
        1
    }
}

/// Largest frame the code generator makes (locals or temporaries): offsets into it must
/// fit `stack_addr`'s 32-bit immediate.
const MAX_FRAME: u64 = i32::MAX as u64;

/// Where one result of a call goes.
enum Dest {
    /// A whole array replaced by scalars.
    Scalars(LocalId),
    /// Anything else.
    Place(Place),
}

/// Imports a generated function (namespace 0) into `func`.
fn import_gen_func(func: &mut ir::Function, index: u32, sig: Signature) -> FuncRef {
    let sigref = func.import_signature(sig);
    let name = func.declare_imported_user_function(UserExternalName::new(0, index));
    func.import_function(ExtFuncData {
        name: ExternalName::user(name),
        signature: sigref,
        colocated: true,
        patchable: false,
    })
}

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
    result_area: Option<Value>,
    /// The address of the parameter block (see [`super::ParamLoc`]), when there is one.
    param_block: Option<Value>,
    func_refs: HashMap<u32, FuncRef>,
    host_sig: Option<SigRef>,
    globals_gv: Option<GlobalValue>,
    hoisted: HashMap<*const Expr, Value>,
    /// Ranges of loop counters inside the bodies of the loops that count them.
    ranges: Vec<(LocalId, i64, i64)>,
    /// Pointer variables already checked against nil on every path to the current point
    /// (Go's nilcheckelim); `None` marks an entry invalidated by an assignment. Regions of
    /// conditional code truncate it back to its length at their start.
    nil_ok: Vec<Option<(LocalId, Variable)>>,
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

/// The per-function part of [`Lower`]'s state, set aside while an inlined callee's body
/// is lowered in its place.
struct Callee<'a> {
    func: &'a Func,
    fid: FuncId,
    locals: Vec<Store>,
    scalars: Vec<BTreeMap<u64, Variable>>,
    facts: Facts,
    targets: Vec<(Block, Option<Block>)>,
    ranges: Vec<(LocalId, i64, i64)>,
    result_area: Option<Value>,
    inline_ret: Option<Block>,
    deferred: Vec<Option<&'a Expr>>,
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
        globals_gv: None,
        hoisted: HashMap::new(),
        ranges: Vec::new(),
        nil_ok: Vec::new(),
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
    l.finish_slots();
    if opts.relocatable {
        // Stack addresses get stack maps (see `reloc`): the pointer parameters and
        // everything computed from them or from `stack_addr`.
        let entry_params = l.b.func.dfg.block_params(entry).to_vec();
        let ptr_params: Vec<_> = abi
            .ptr_params
            .iter()
            .map(|&i| entry_params[i as usize])
            .collect();
        super::reloc::declare_stack_addresses(&mut l.b, &ptr_params);
    }
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

    /// The blocks through which `n` branch exits reach `join`: one block per exit (at most
    /// two exits share one), and the tree's edges to emit after the branches (see
    /// [`Lower::finish_join_tree`]). With many exits the blocks form a balanced binary
    /// tree of jump-only blocks whose root is `join`, so no block has more than two
    /// predecessors: a join with thousands of predecessors, each one branch deeper in the
    /// dominator tree (an `else if` chain, a long `switch`), makes the dominator
    /// computation of Cranelift's register allocator quadratic. Jump-only blocks cost no
    /// code (Cranelift's branch folding removes them). Few exits go to `join` directly.
    fn join_tree(&mut self, n: usize, join: Block) -> (Vec<Block>, Vec<(Block, Block)>) {
        const DIRECT: usize = 16;
        let mut exits = Vec::with_capacity(n);
        let mut edges = Vec::new();
        if n <= DIRECT {
            exits.resize(n, join);
            return (exits, edges);
        }
        // (range of exits, its block), depth first so that exits come out in order.
        let mut work = vec![(0, n, join)];
        while let Some((lo, hi, me)) = work.pop() {
            if hi - lo <= 2 {
                exits.extend(std::iter::repeat_n(me, hi - lo));
                continue;
            }
            let mid = lo + (hi - lo) / 2;
            let (left, right) = (self.b.create_block(), self.b.create_block());
            edges.push((left, me));
            edges.push((right, me));
            work.push((mid, hi, right));
            work.push((lo, mid, left));
        }
        (exits, edges)
    }

    /// Emits the edges of a [`Lower::join_tree`] (each a block that only jumps to its
    /// parent); leaves no block current.
    fn finish_join_tree(&mut self, edges: Vec<(Block, Block)>) {
        for (b, parent) in edges {
            self.b.switch_to_block(b);
            self.b.ins().jump(parent, &[]);
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

    /// Places an object of `size` bytes in the frame's slot, aligned as [`object_align`]
    /// says: a local for the rest of the function (`temp` false) or a temporary until
    /// the current statement ends; returns its offset.
    fn alloc(&mut self, temp: bool, size: u64, pos: Pos) -> Result<u64, CodegenError> {
        if size > super::MAX_OBJECT {
            return Err(CodegenError::new(pos, "stack frame object too large"));
        }
        let off = self.frame.top.next_multiple_of(object_align(size));
        let end = off + size.max(1);
        if end > MAX_FRAME {
            return Err(CodegenError::new(pos, "stack frame too large"));
        }
        self.frame.top = end;
        if !temp {
            self.frame.floor = end;
        }
        self.frame.size = self.frame.size.max(end);
        if self.frame.slot.is_none() {
            // Sized by `finish_slots` once the function is complete.
            let data = StackSlotData::new(StackSlotKind::ExplicitSlot, 0, 4);
            self.frame.slot = Some(self.b.create_sized_stack_slot(data));
        }
        Ok(off)
    }

    /// The address of offset `off` in the frame's slot. Optimized code adds the offset
    /// to the slot's base (an add of a constant, which the optimizer recomputes in each
    /// block that needs it, so only the base stays alive); relocatable code, where
    /// nothing is shared, uses `stack_addr` with the offset.
    fn packed_addr(&mut self, off: u64) -> Value {
        let slot = self.frame.slot.expect("allocated");
        if self.relocatable {
            return self.b.ins().stack_addr(I64, slot, off as i32);
        }
        let base = self.b.ins().stack_addr(I64, slot, 0);
        if off == 0 {
            base
        } else {
            self.b.ins().iadd_imm_s(base, off as i64)
        }
    }

    /// Gives the frame's slot its final size.
    fn finish_slots(&mut self) {
        if let Some(slot) = self.frame.slot {
            self.b.func.sized_stack_slots[slot].size = self.frame.size as u32;
        }
    }

    /// The address of a temporary of `size` bytes, alive until the end of the statement
    /// being lowered (see [`Lower::frame`]).
    fn temp(&mut self, size: u64, pos: Pos) -> Result<Value, CodegenError> {
        let off = self.alloc(true, size, pos)?;
        Ok(self.packed_addr(off))
    }

    /// The storage of local `id`, placing it in the frame on first use.
    fn store_of(&mut self, id: LocalId) -> Result<Store, CodegenError> {
        let i = id.0 as usize;
        if let Store::Lazy = self.locals[i] {
            let size = type_size(&self.func.locals[i].ty);
            self.locals[i] = Store::Slot(self.alloc(false, size, self.func.pos)?);
        }
        Ok(self.locals[i])
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

    fn globals_base(&mut self) -> Value {
        let gv = match self.globals_gv {
            Some(gv) => gv,
            None => {
                let name = self
                    .b
                    .func
                    .declare_imported_user_function(UserExternalName::new(1, 0));
                // Not colocated: the globals are a mapping of their own (src/jit.rs),
                // not necessarily within PC-relative reach of the code.
                let gv = self.b.create_global_value(GlobalValueData::Symbol {
                    name: ExternalName::user(name),
                    offset: ir::immediates::Imm64::new(0),
                    colocated: false,
                    tls: false,
                });
                self.globals_gv = Some(gv);
                gv
            }
        };
        self.b.ins().symbol_value(I64, gv)
    }

    // ----- host calls -----

    fn host_call(&mut self, f: i64, a: Value, bv: Value, c: Value) -> Value {
        let sig = match self.host_sig {
            Some(s) => s,
            None => {
                let mut sig = Signature::new(CallConv::SystemV);
                for _ in 0..4 {
                    sig.params.push(AbiParam::new(I64));
                }
                sig.returns.push(AbiParam::new(I64));
                let s = self.b.import_signature(sig);
                self.host_sig = Some(s);
                s
            }
        };
        // Every host call starts a block of its own: the optimizer rematerializes
        // constants (the thunk's and the host function's addresses, zeros) in each block
        // that uses them, so they are not kept alive across the calls of a long run of
        // prints (where every register is caller-saved).
        let blk = self.b.create_block();
        self.b.ins().jump(blk, &[]);
        self.b.switch_to_block(blk);
        let thunk = self.b.ins().iconst(I64, self.host.thunk);
        let fv = self.b.ins().iconst(I64, f);
        let call = self.b.ins().call_indirect(sig, thunk, &[fv, a, bv, c]);
        self.b.inst_results(call)[0]
    }

    /// Calls `host::panic(code, b, c)` and ends the block (never returns).
    fn panic_now(&mut self, code: i64, bv: Value, c: Value) {
        let codev = self.b.ins().iconst(I64, code);
        self.host_call(self.host.panic, codev, bv, c);
        self.b.ins().trap(TrapCode::unwrap_user(2));
    }

    /// If `cond` is nonzero, panics with `code` (in a cold block).
    fn panic_if(&mut self, cond: Value, code: i64, bv: Option<Value>, c: Option<Value>) {
        let cold = self.b.create_block();
        self.b.set_cold_block(cold);
        let cont = self.b.create_block();
        self.b.ins().brif(cond, cold, &[], cont, &[]);
        self.b.switch_to_block(cold);
        let zero = self.b.ins().iconst(I64, 0);
        self.panic_now(code, bv.unwrap_or(zero), c.unwrap_or(zero));
        self.b.switch_to_block(cont);
    }

    fn nil_check(&mut self, p: Value) {
        let z = self.b.ins().icmp_imm_s(IntCC::Equal, p, 0);
        self.panic_if(z, morestack_runtime::panic_code::NIL, None, None);
    }

    /// Nil check of `p`, the value of pointer expression `e`, unless `e` is a register
    /// variable already checked on every path here (and not assigned since).
    fn nil_check_of(&mut self, e: &Expr, p: Value) {
        if let ExprKind::Local(id) = e.kind {
            if let Store::Var(var) = self.locals[id.0 as usize] {
                if self.nil_ok.contains(&Some((id, var))) {
                    return;
                }
                self.nil_check(p);
                self.nil_ok.push(Some((id, var)));
                return;
            }
        }
        self.nil_check(p);
    }

    /// An assignment to `var`: forget that it was checked.
    fn nil_forget(&mut self, var: Variable) {
        for x in &mut self.nil_ok {
            if x.is_some_and(|(_, v)| v == var) {
                *x = None;
            }
        }
    }

    // ----- memory helpers (layout: see the module docs of `codegen`) -----

    fn store_val(&mut self, place: Place, v: Value, ty: &Type) {
        match place {
            Place::Var(var) => {
                self.nil_forget(var);
                self.b.def_var(var, v)
            }
            Place::Mem(addr) => self.store_mem(addr, v, ty),
        }
    }

    fn load_place(&mut self, place: Place, ty: &Type) -> Value {
        match place {
            Place::Var(var) => self.b.use_var(var),
            Place::Mem(addr) => self.load_mem(addr, ty),
        }
    }

    /// Stores `v` (an `i64`, or an array's address) as a value of `ty` at `addr`: a `bool`
    /// is truncated to its byte, an array is copied.
    fn store_mem(&mut self, addr: Value, v: Value, ty: &Type) {
        match ty {
            Type::Array(..) => self.copy_block(addr, v, ty),
            Type::Bool => {
                // `istore8`, spelled as a truncation and an 8-bit store so that the
                // optimizer folds a constant into the store (`movb $1, mem` on x86-64).
                let byte = self.b.ins().ireduce(types::I8, v);
                self.b.ins().store(mf(), byte, addr, 0);
            }
            _ => {
                self.b.ins().store(mf(), v, addr, 0);
            }
        }
    }

    /// Loads a value of `ty` from `addr`: a `bool` byte zero-extended to `i64`; for an
    /// array, its address.
    fn load_mem(&mut self, addr: Value, ty: &Type) -> Value {
        match ty {
            Type::Array(..) => addr,
            Type::Bool => self.b.ins().uload8(I64, mf(), addr, 0),
            _ => self.b.ins().load(I64, mf(), addr, 0),
        }
    }

    /// Stores result `v` of type `ty` into its place `addr` in a result area: a scalar as
    /// a whole `i64` word (also a `bool`: the entry trampoline reads words), an array in
    /// its memory layout.
    fn store_result(&mut self, addr: Value, v: Value, ty: &Type) {
        if ty.is_array() {
            self.copy_block(addr, v, ty);
        } else {
            self.b.ins().store(mf(), v, addr, 0);
        }
    }

    /// Loads a result of type `ty` from its place `addr` in a result area (see
    /// [`Self::store_result`]).
    fn load_result(&mut self, addr: Value, ty: &Type) -> Value {
        if ty.is_array() {
            addr
        } else {
            self.b.ins().load(I64, mf(), addr, 0)
        }
    }

    /// Emits a block operation over `bytes` bytes: `body(l, base, off, width)` handles
    /// the `width`-byte chunk at byte offset `base + off` (`base` is the loop's running
    /// offset, `None` outside the loop); the chunks are those of [`chunks`] (up to 16
    /// bytes). Up to [`UNROLL_BYTES`] bytes are fully unrolled; larger blocks loop over
    /// [`LOOP_BYTES`]-byte groups of 16-byte chunks, then finish the rest unrolled.
    fn block_op(&mut self, bytes: u64, mut body: impl FnMut(&mut Self, Option<Value>, i32, u64)) {
        if bytes <= UNROLL_BYTES {
            for (off, w) in chunks(0, bytes, 16) {
                body(self, None, off as i32, w);
            }
            return;
        }
        let groups = bytes / LOOP_BYTES;
        let header = self.b.create_block();
        let exit = self.b.create_block();
        let off = self.b.append_block_param(header, I64);
        let zero = self.b.ins().iconst(I64, 0);
        self.b.ins().jump(header, &[BlockArg::Value(zero)]);
        self.b.switch_to_block(header);
        for k in (0..LOOP_BYTES).step_by(16) {
            body(self, Some(off), k as i32, 16);
        }
        let next = self.b.ins().iadd_imm_s(off, LOOP_BYTES as i64);
        let done = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, next, (groups * LOOP_BYTES) as i64);
        self.b
            .ins()
            .brif(done, exit, &[], header, &[BlockArg::Value(next)]);
        self.b.switch_to_block(exit);
        for (off, w) in chunks(groups * LOOP_BYTES, bytes, 16) {
            body(self, None, off as i32, w);
        }
    }

    /// Copies a value of array type `ty` from `src` to `dst` (the same or disjoint
    /// objects).
    fn copy_block(&mut self, dst: Value, src: Value, ty: &Type) {
        let align = type_align(ty);
        self.block_op(type_size(ty), |l, off, k, w| {
            let (s, d) = match off {
                None => (src, dst),
                Some(off) => (l.b.ins().iadd(src, off), l.b.ins().iadd(dst, off)),
            };
            let v = l.b.ins().load(chunk_type(w), mf_block(w, align), s, k);
            l.b.ins().store(mf_block(w, align), v, d, k);
        });
    }

    /// Zeroes a value of array type `ty` at `dst`.
    fn zero_block(&mut self, dst: Value, ty: &Type) {
        let align = type_align(ty);
        let mut zeros: HashMap<u64, Value> = HashMap::new();
        self.block_op(type_size(ty), |l, off, k, w| {
            let d = match off {
                None => dst,
                Some(off) => l.b.ins().iadd(dst, off),
            };
            let z = *zeros.entry(w).or_insert_with(|| {
                if w == 16 {
                    let c =
                        l.b.func
                            .dfg
                            .constants
                            .insert(ir::ConstantData::from(vec![0u8; 16]));
                    l.b.ins().vconst(types::I64X2, c)
                } else {
                    l.b.ins().iconst(chunk_type(w), 0)
                }
            });
            l.b.ins().store(mf_block(w, align), z, d, k);
        });
    }

    /// `a == b` for values of array type `ty`; result i8 (0/1). Compares 8-byte words
    /// (narrower or overlapping ones for a tail, see [`chunks`]): every byte of an array
    /// is significant (no padding; a `bool` byte is 0 or 1).
    fn eq_block(&mut self, a: Value, bv: Value, ty: &Type) -> Value {
        let bytes = type_size(ty);
        let align = type_align(ty);
        // The xor of the chunks at `off` of both arrays, as an i64 (0 when equal).
        let diff = |l: &mut Self, pa: Value, pb: Value, off: u64, w: u64| {
            let t = chunk_type(w);
            let x = l.b.ins().load(t, mf_block(w, align), pa, off as i32);
            let y = l.b.ins().load(t, mf_block(w, align), pb, off as i32);
            let d = l.b.ins().bxor(x, y);
            if w < 8 {
                l.b.ins().uextend(I64, d)
            } else {
                d
            }
        };
        if bytes <= EQ_UNROLL_BYTES {
            let mut acc = self.b.ins().iconst(I64, 0);
            for (off, w) in chunks(0, bytes, 8) {
                let d = diff(self, a, bv, off, w);
                acc = self.b.ins().bor(acc, d);
            }
            return self.b.ins().icmp_imm_s(IntCC::Equal, acc, 0);
        }
        let words = bytes / 8;
        let header = self.b.create_block();
        let next_blk = self.b.create_block();
        let tail = self.b.create_block();
        let exit = self.b.create_block();
        let res = self.b.append_block_param(exit, types::I8);
        let off = self.b.append_block_param(header, I64);
        let zero = self.b.ins().iconst(I64, 0);
        self.b.ins().jump(header, &[BlockArg::Value(zero)]);
        self.b.switch_to_block(header);
        let pa = self.b.ins().iadd(a, off);
        let pb = self.b.ins().iadd(bv, off);
        let x = self.b.ins().load(I64, mf_block(8, align), pa, 0);
        let y = self.b.ins().load(I64, mf_block(8, align), pb, 0);
        let ne = self.b.ins().icmp(IntCC::NotEqual, x, y);
        let f = self.b.ins().iconst(types::I8, 0);
        self.b
            .ins()
            .brif(ne, exit, &[BlockArg::Value(f)], next_blk, &[]);
        self.b.switch_to_block(next_blk);
        let next = self.b.ins().iadd_imm_s(off, 8);
        let done = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, next, (words * 8) as i64);
        self.b
            .ins()
            .brif(done, tail, &[], header, &[BlockArg::Value(next)]);
        self.b.switch_to_block(tail);
        // The tail (a `bool` array's last `bytes % 8` bytes): one overlapping word.
        let mut acc = self.b.ins().iconst(I64, 0);
        for (off, w) in chunks(words * 8, bytes, 8) {
            let d = diff(self, a, bv, off, w);
            acc = self.b.ins().bor(acc, d);
        }
        let t = self.b.ins().icmp_imm_s(IntCC::Equal, acc, 0);
        self.b.ins().jump(exit, &[BlockArg::Value(t)]);
        self.b.switch_to_block(exit);
        res
    }

    fn zero_local(&mut self, id: LocalId) -> Result<(), CodegenError> {
        let ty = self.func.locals[id.0 as usize].ty.clone();
        if !self.facts.used[id.0 as usize] {
            // Never read or written: nothing to zero (and no slot to make).
            return Ok(());
        }
        match self.store_of(id)? {
            Store::Lazy => unreachable!(),
            Store::Scalars => {
                let z = self.b.ins().iconst(I64, 0);
                let vars: Vec<Variable> = self.scalars[id.0 as usize].values().copied().collect();
                for v in vars {
                    self.b.def_var(v, z);
                }
            }
            Store::Var(v) => {
                self.nil_forget(v);
                let z = self.b.ins().iconst(I64, 0);
                self.b.def_var(v, z);
            }
            Store::Slot(off) => {
                let a = self.packed_addr(off);
                if ty.is_array() {
                    self.zero_block(a, &ty);
                } else {
                    let z = self.b.ins().iconst(I64, 0);
                    self.store_mem(a, z, &ty);
                }
            }
            Store::Ptr(a) => self.zero_block(a, &ty),
            Store::Heap(v) => {
                // Zeroed memory for it (fresh, or its pages dropped).
                let p = self.b.use_var(v);
                let n = self.b.ins().iconst(I64, type_size(&ty) as i64);
                let z = self.b.ins().iconst(I64, 0);
                let m = self.host_call(self.host.heap_local, p, n, z);
                self.b.def_var(v, m);
            }
            Store::Arg(_) | Store::Block(_) => {
                return Err(CodegenError::new(
                    self.func.pos,
                    "internal error: zeroing a parameter read in place",
                ))
            }
        }
        Ok(())
    }

    // ----- hoisting of calls (gc's order) -----

    fn hoist(&mut self, e: &Expr) -> Result<(), CodegenError> {
        match &e.kind {
            ExprKind::Call(f, args) => {
                for a in args {
                    self.hoist(a)?;
                }
                let v = self.call_value(*f, args, e.pos)?;
                self.hoisted.insert(e as *const Expr, v);
            }
            ExprKind::Binary(BinOp::LogAnd | BinOp::LogOr, l, _) => self.hoist(l)?,
            ExprKind::Unary(_, x) | ExprKind::Deref(x) | ExprKind::AddrOf(x) | ExprKind::Len(x) => {
                self.hoist(x)?
            }
            ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => {
                self.hoist(l)?;
                self.hoist(r)?;
            }
            ExprKind::ArrayLit(elems) => {
                for (_, x) in elems {
                    self.hoist(x)?;
                }
            }
            ExprKind::Const(_) | ExprKind::Nil | ExprKind::Local(_) | ExprKind::Global(_) => {}
        }
        Ok(())
    }

    fn hoist_all<'e>(
        &mut self,
        es: impl IntoIterator<Item = &'e Expr>,
    ) -> Result<(), CodegenError> {
        for e in es {
            self.hoist(e)?;
        }
        Ok(())
    }

    // ----- calls -----

    /// Calls `f`; returns register results, or the result area's address. The result
    /// area is `into` when given (memory nothing else reads or writes until the call
    /// returns), else a fresh temporary.
    fn emit_call(
        &mut self,
        f: FuncId,
        args: &[Expr],
        pos: Pos,
        into: Option<Value>,
    ) -> Result<(Vec<Value>, Option<Value>), CodegenError> {
        let abi = self.layout.abi(f);
        let ret_in_regs = abi.ret_in_regs;
        let area_size = abi.result_area_size;
        if self.layout.inline[f.0 as usize] && into.is_none() {
            let mut argv = Vec::with_capacity(args.len());
            for a in args {
                argv.push(self.eval(a)?);
            }
            return Ok((self.inline_call(f, &argv)?, None));
        }
        let mut argv = Vec::with_capacity(args.len() + 1);
        let area = if ret_in_regs {
            None
        } else {
            let a = match into {
                Some(a) => a,
                None => self.temp(area_size, pos)?,
            };
            argv.push(a);
            Some(a)
        };
        // The parameter block (many parameters): each argument goes there as soon as it
        // is evaluated, so that the call does not keep them all live.
        let block = match abi.block {
            Some(_) => {
                let t = self.temp(abi.block_size(), pos)?;
                argv.push(t);
                Some(t)
            }
            None => None,
        };
        let locs = &self.layout.abi(f).params;
        for (a, loc) in args.iter().zip(locs) {
            let v = self.eval(a)?;
            if let (ParamLoc::Block(off), Some(t)) = (loc, block) {
                self.b.ins().store(mf(), v, t, *off as i32);
            } else if a.ty.is_array() && !is_fresh(a) {
                let t = self.temp(type_size(&a.ty), a.pos)?;
                self.copy_block(t, v, &a.ty);
                argv.push(t);
            } else {
                argv.push(v);
            }
        }
        let fr = self.func_ref(f);
        let call = self.b.ins().call(fr, &argv);
        Ok((self.b.inst_results(call).to_vec(), area))
    }

    /// Lowers the body of small leaf `f` ([`analysis::inlinable`]) here, its parameters
    /// bound to `argv`; returns its results. Its `return`s jump to a join block. Its
    /// locals are fresh variables (it has no arrays and takes no addresses), so it needs
    /// no frame of its own (and no stack check).
    fn inline_call(&mut self, f: FuncId, argv: &[Value]) -> Result<Vec<Value>, CodegenError> {
        let callee = &self.prog.funcs[f.0 as usize];
        let join = self.b.create_block();
        let rets: Vec<Value> = callee
            .results
            .iter()
            .map(|_| self.b.append_block_param(join, I64))
            .collect();
        let mut locals = Vec::with_capacity(callee.locals.len());
        for i in 0..callee.locals.len() {
            let v = self.b.declare_var(I64);
            if let Some(&a) = argv.get(i).filter(|_| i < callee.params) {
                self.b.def_var(v, a);
            }
            locals.push(Store::Var(v));
        }
        let written = &self.layout.globals_written[f.0 as usize];
        let facts = analysis::scan(callee, &|g| !written[g.0 as usize]);
        let saved = Callee {
            func: std::mem::replace(&mut self.func, callee),
            fid: std::mem::replace(&mut self.fid, f),
            scalars: std::mem::replace(&mut self.scalars, vec![BTreeMap::new(); locals.len()]),
            locals: std::mem::replace(&mut self.locals, locals),
            facts: std::mem::replace(&mut self.facts, facts),
            targets: std::mem::take(&mut self.targets),
            ranges: std::mem::take(&mut self.ranges),
            result_area: self.result_area.take(),
            inline_ret: self.inline_ret.replace(join),
            deferred: std::mem::replace(&mut self.deferred, vec![None; callee.locals.len()]),
        };
        let nil_mark = self.nil_ok.len();
        let mut body = || -> Result<(), CodegenError> {
            for r in callee.result_ids() {
                self.zero_local(r)?;
            }
            self.stmts(&callee.body)?;
            if !self.filled() {
                if callee.results.is_empty() {
                    self.b.ins().jump(join, &[]);
                } else {
                    // Unreachable: the body ends in a terminating statement.
                    self.b.ins().trap(TrapCode::unwrap_user(1));
                }
            }
            Ok(())
        };
        let r = body();
        self.nil_ok.truncate(nil_mark);
        self.func = saved.func;
        self.fid = saved.fid;
        self.locals = saved.locals;
        self.scalars = saved.scalars;
        self.facts = saved.facts;
        self.targets = saved.targets;
        self.ranges = saved.ranges;
        self.result_area = saved.result_area;
        self.inline_ret = saved.inline_ret;
        self.deferred = saved.deferred;
        r?;
        self.b.switch_to_block(join);
        Ok(rets)
    }

    /// The value of a single-result call (or 0 for none).
    fn call_value(&mut self, f: FuncId, args: &[Expr], pos: Pos) -> Result<Value, CodegenError> {
        let (regs, area) = self.emit_call(f, args, pos, None)?;
        let results = &self.prog.funcs[f.0 as usize].results;
        Ok(match (area, results.first()) {
            (_, None) => self.b.ins().iconst(I64, 0),
            (None, Some(_)) => regs[0],
            (Some(a), Some(t)) => self.load_result(a, t),
        })
    }

    // ----- expressions -----

    /// Whether global `g` keeps its value while the function being compiled runs (it
    /// assigns `g` nowhere, nor does any function it calls).
    fn stable_global(&self, g: GlobalId) -> bool {
        !self.layout.globals_written[self.root.0 as usize][g.0 as usize]
    }

    /// The address of local `id` (`None` for a register variable or scalars).
    fn local_addr(&mut self, id: LocalId) -> Result<Option<Value>, CodegenError> {
        Ok(match self.store_of(id)? {
            Store::Var(_) | Store::Scalars | Store::Lazy => None,
            Store::Slot(off) => Some(self.packed_addr(off)),
            Store::Ptr(p) => Some(p),
            Store::Heap(v) => Some(self.b.use_var(v)),
            Store::Arg(off) => {
                let fp = self.b.ins().get_frame_pointer(I64);
                Some(self.b.ins().iadd_imm_s(fp, i64::from(off)))
            }
            Store::Block(off) => {
                let blk = self.param_block.ok_or_else(|| {
                    CodegenError::new(self.func.pos, "internal error: no parameter block")
                })?;
                Some(self.b.ins().iadd_imm_s(blk, i64::from(off)))
            }
        })
    }

    /// The variable of element `e` when it is an element of an array replaced by
    /// scalars.
    fn scalar_element(&self, e: &Expr) -> Option<Variable> {
        let (id, flat) = analysis::const_element(e)?;
        if !self.facts.is_scalarized(id) {
            return None;
        }
        self.scalars[id.0 as usize].get(&flat).copied()
    }

    /// When `e` is an element of an array replaced by scalars at a constant index out of
    /// range: panics (Go's index panic, for the outermost bad index) and returns a
    /// variable for the unreachable code after it.
    fn oob_element(&mut self, e: &Expr) -> Option<Variable> {
        let (id, c, n) = analysis::const_oob(e)?;
        if !self.facts.is_scalarized(id) {
            return None;
        }
        Some(self.const_index_panic(c, n))
    }

    /// The index panic of constant index `c` out of range of length `n`; returns a
    /// variable for the unreachable code after it.
    fn const_index_panic(&mut self, c: i64, n: u64) -> Variable {
        let cv = self.b.ins().iconst(I64, c);
        let nv = self.b.ins().iconst(I64, n as i64);
        self.panic_now(morestack_runtime::panic_code::INDEX, cv, nv);
        self.dead_block();
        let v = self.b.declare_var(I64);
        let z = self.b.ins().iconst(I64, 0);
        self.b.def_var(v, z);
        v
    }

    /// Panics (Go's index panic) unless `0 <= i < len`.
    fn bounds_check(&mut self, i: Value, len: u64) {
        let oob = self
            .b
            .ins()
            .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, i, len as i64);
        let lenv = self.b.ins().iconst(I64, len as i64);
        self.panic_if(
            oob,
            morestack_runtime::panic_code::INDEX,
            Some(i),
            Some(lenv),
        );
    }

    /// Phase one of assigning to `e`: evaluates the operands of its index expressions and
    /// pointer indirections, leaving their checks to [`Self::finish_place`].
    fn pending_place<'e>(&mut self, e: &'e Expr) -> Result<PendingPlace<'e>, CodegenError> {
        let ready = |p| PendingPlace {
            start: PendingStart::Ready(p),
            steps: Vec::new(),
        };
        if let Some(v) = self.scalar_element(e) {
            return Ok(ready(Place::Var(v)));
        }
        if let Some((id, c, n)) = analysis::const_oob(e) {
            if self.facts.is_scalarized(id) {
                return Ok(PendingPlace {
                    start: PendingStart::Oob(c, n),
                    steps: Vec::new(),
                });
            }
        }
        match &e.kind {
            ExprKind::Deref(p) => {
                let v = self.eval(p)?;
                Ok(PendingPlace {
                    start: PendingStart::Ptr(p, v),
                    steps: Vec::new(),
                })
            }
            ExprKind::Index(base, idx) => {
                let (via_ptr, len, elem) = indexed_array(base)?;
                let mut pending = if via_ptr {
                    let v = self.eval(base)?;
                    PendingPlace {
                        start: PendingStart::Ptr(base, v),
                        steps: Vec::new(),
                    }
                } else {
                    match &base.kind {
                        ExprKind::Index(..) | ExprKind::Deref(_) => self.pending_place(base)?,
                        _ => {
                            let a = self.eval(base)?;
                            PendingPlace {
                                start: PendingStart::Addr(a),
                                steps: Vec::new(),
                            }
                        }
                    }
                };
                let esize = type_size(elem) as i64;
                let proven = analysis::value_range(idx, &self.ranges)
                    .is_some_and(|(lo, hi)| lo >= 0 && (hi as u64) < len);
                let i = self.eval(idx)?;
                pending.steps.push((i, len, esize, !proven));
                Ok(pending)
            }
            _ => Ok(ready(self.place(e)?)),
        }
    }

    /// Phase two: the checks of a [`PendingPlace`], in Go's order (the pointer's nil
    /// check, then the indices outermost first), and the place they lead to. `alone`:
    /// nothing was stored since phase one (a single assignment), so the pointer is still
    /// the value of its expression and its check may be remembered ([`Self::nil_check_of`]).
    fn finish_place(&mut self, p: PendingPlace<'_>, alone: bool) -> Place {
        let mut addr = match p.start {
            PendingStart::Ready(place) => return place,
            PendingStart::Addr(a) => a,
            PendingStart::Ptr(e, v) => {
                if alone {
                    self.nil_check_of(e, v);
                } else {
                    self.nil_check(v);
                }
                v
            }
            PendingStart::Oob(c, n) => return Place::Var(self.const_index_panic(c, n)),
        };
        for (i, len, esize, check) in p.steps {
            if check {
                self.bounds_check(i, len);
            }
            let off = self.b.ins().imul_imm_s(i, esize);
            addr = self.b.ins().iadd(addr, off);
        }
        Place::Mem(addr)
    }

    fn place(&mut self, e: &Expr) -> Result<Place, CodegenError> {
        if let Some(v) = self.scalar_element(e) {
            return Ok(Place::Var(v));
        }
        if let Some(v) = self.oob_element(e) {
            return Ok(Place::Var(v));
        }
        Ok(match &e.kind {
            ExprKind::Local(id) => match self.store_of(*id)? {
                Store::Var(v) => Place::Var(v),
                _ => match self.local_addr(*id)? {
                    Some(a) => Place::Mem(a),
                    None => {
                        return Err(CodegenError::new(
                            e.pos,
                            "internal error: whole use of a scalarized array",
                        ))
                    }
                },
            },
            ExprKind::Global(g) => {
                let base = self.globals_base();
                let off = self.layout.global_offsets[g.0 as usize];
                Place::Mem(self.b.ins().iadd_imm_s(base, off as i64))
            }
            ExprKind::Index(base, idx) => Place::Mem(self.index_addr(base, idx)?),
            ExprKind::Deref(p) => {
                let v = self.eval(p)?;
                self.nil_check_of(p, v);
                Place::Mem(v)
            }
            _ if e.ty.is_array() => Place::Mem(self.eval(e)?),
            _ => return Err(CodegenError::new(e.pos, "internal error: not addressable")),
        })
    }

    fn index_addr(&mut self, base: &Expr, idx: &Expr) -> Result<Value, CodegenError> {
        let (via_ptr, len, elem) = indexed_array(base)?;
        let addr = self.eval(base)?;
        if via_ptr {
            self.nil_check_of(base, addr);
        }
        let esize = type_size(elem) as i64;
        if let ExprKind::Const(c) = idx.kind {
            if c >= 0 && (c as u64) < len {
                return Ok(self.b.ins().iadd_imm_s(addr, c.wrapping_mul(esize)));
            }
        }
        let i = self.eval(idx)?;
        if analysis::value_range(idx, &self.ranges)
            .is_some_and(|(lo, hi)| lo >= 0 && (hi as u64) < len)
        {
            // Provably in range (Go's prove pass): no check.
            let off = self.b.ins().imul_imm_s(i, esize);
            return Ok(self.b.ins().iadd(addr, off));
        }
        self.bounds_check(i, len);
        let off = self.b.ins().imul_imm_s(i, esize);
        Ok(self.b.ins().iadd(addr, off))
    }

    fn bool_val(&mut self, c: Value) -> Value {
        self.b.ins().uextend(I64, c)
    }

    /// Evaluates `e`: an `i64` for scalars, the address of the value for arrays (which may
    /// alias the variable it came from; see [`is_fresh`]).
    fn eval(&mut self, e: &Expr) -> Result<Value, CodegenError> {
        Ok(match &e.kind {
            ExprKind::Const(c) => self.b.ins().iconst(I64, *c),
            ExprKind::Nil => self.b.ins().iconst(I64, 0),
            ExprKind::Local(id) if self.deferred[id.0 as usize].is_some() => {
                let v = self.deferred[id.0 as usize].take().expect("deferred");
                self.eval(v)?
            }
            ExprKind::Local(id)
                if matches!(self.locals[id.0 as usize], Store::Arg(_) | Store::Block(_)) =>
            {
                // The argument slot (or block word) never changes while the function
                // runs: a pure load, which the optimizer places next to its use.
                let a = self.local_addr(*id)?.expect("argument slot");
                if e.ty == Type::Bool {
                    self.b.ins().uload8(I64, mf_stable(), a, 0)
                } else {
                    self.b.ins().load(I64, mf_stable(), a, 0)
                }
            }
            ExprKind::Global(g) if e.ty == Type::Int && self.stable_global(*g) => {
                let p = self.place(e)?;
                let Place::Mem(a) = p else { unreachable!() };
                self.b.ins().load(I64, mf_stable(), a, 0)
            }
            ExprKind::Local(_) | ExprKind::Global(_) => {
                let p = self.place(e)?;
                self.load_place(p, &e.ty)
            }
            ExprKind::Unary(op, x) => {
                let v = self.eval(x)?;
                match op {
                    UnOp::Neg => self.b.ins().ineg(v),
                    UnOp::Not => self.b.ins().bxor_imm_s(v, 1),
                    UnOp::BitNot => self.b.ins().bnot(v),
                }
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e.pos)?,
            ExprKind::Index(base, idx) => match self.scalar_element(e) {
                Some(v) => self.b.use_var(v),
                None => {
                    if let Some(v) = self.oob_element(e) {
                        self.b.use_var(v)
                    } else {
                        let stable = match (&base.kind, &base.ty) {
                            (ExprKind::Global(g), Type::Array(n, _)) => {
                                e.ty == Type::Int
                                    && self.stable_global(*g)
                                    && analysis::value_range(idx, &[])
                                        .is_some_and(|(lo, hi)| lo >= 0 && (hi as u64) < *n)
                            }
                            _ => false,
                        };
                        let a = self.index_addr(base, idx)?;
                        if stable {
                            self.b.ins().load(I64, mf_stable(), a, 0)
                        } else {
                            self.load_place(Place::Mem(a), &e.ty)
                        }
                    }
                }
            },
            ExprKind::Deref(p) => {
                let v = self.eval(p)?;
                self.nil_check_of(p, v);
                self.load_place(Place::Mem(v), &e.ty)
            }
            ExprKind::AddrOf(x) => match self.place(x)? {
                Place::Mem(a) => a,
                Place::Var(_) => {
                    return Err(CodegenError::new(
                        e.pos,
                        "internal error: address of a register variable",
                    ))
                }
            },
            ExprKind::Call(f, args) => match self.hoisted.remove(&(e as *const Expr)) {
                Some(v) => v,
                None => self.call_value(*f, args, e.pos)?,
            },
            ExprKind::Len(x) => {
                let n = match &x.ty {
                    Type::Array(n, _) => *n,
                    Type::Pointer(t) => match &**t {
                        Type::Array(n, _) => *n,
                        _ => return Err(CodegenError::new(e.pos, "internal error: len")),
                    },
                    _ => {
                        return Err(CodegenError::new(
                            e.pos,
                            "len of this operand is not supported by this code generator",
                        ))
                    }
                };
                self.eval(x)?;
                self.b.ins().iconst(I64, n as i64)
            }
            ExprKind::ArrayLit(elems) => {
                let t = self.temp(type_size(&e.ty), e.pos)?;
                self.build_literal(t, e, elems)?;
                t
            }
        })
    }

    /// Builds array literal `e` (elements `elems`) at `dst`: zeroes it unless every
    /// element is listed, then evaluates and stores the elements in source order (nested
    /// literals are built in place).
    fn build_literal(
        &mut self,
        dst: Value,
        e: &Expr,
        elems: &[(u64, Expr)],
    ) -> Result<(), CodegenError> {
        if !is_full_literal(e) {
            self.zero_block(dst, &e.ty);
        }
        self.build_literal_parts(dst, e, elems)
    }

    /// The elements of literal `e` at `dst`, whose memory is already zeroed where no
    /// element is listed.
    fn build_literal_parts(
        &mut self,
        dst: Value,
        e: &Expr,
        elems: &[(u64, Expr)],
    ) -> Result<(), CodegenError> {
        let Type::Array(_, el) = &e.ty else {
            return Err(CodegenError::new(
                e.pos,
                "internal error: array literal type",
            ));
        };
        let esize = type_size(el);
        for (i, x) in elems {
            let a = self.b.ins().iadd_imm_s(dst, (*i * esize) as i64);
            if let ExprKind::ArrayLit(inner) = &x.kind {
                self.build_literal_parts(a, x, inner)?;
            } else {
                let v = self.eval(x)?;
                self.store_val(Place::Mem(a), v, el);
            }
        }
        Ok(())
    }

    /// Whether `f` returns exactly one result, an array (in a result area).
    fn single_array_result(&self, f: FuncId) -> bool {
        matches!(&self.prog.funcs[f.0 as usize].results[..], [t] if t.is_array())
    }

    /// Hoists the calls of array expression `e` as [`Self::eval_into`] needs them: a call
    /// whose result area is the destination is not hoisted itself (its arguments are).
    fn hoist_into(&mut self, e: &Expr) -> Result<(), CodegenError> {
        match &e.kind {
            ExprKind::Call(f, args) if self.single_array_result(*f) => self.hoist_all(args),
            _ => self.hoist(e),
        }
    }

    /// Evaluates array expression `e` into `dst` (memory of `e`'s type): a literal is
    /// built in place, a call gets `dst` as its result area, anything else is copied.
    /// The caller makes sure that nothing `e` reads lives at `dst` (a call's array
    /// arguments are copies, so a call is always safe) and hoisted its calls with
    /// [`Self::hoist_into`].
    fn eval_into(&mut self, dst: Value, e: &Expr) -> Result<(), CodegenError> {
        if let Some(v) = self.hoisted.remove(&(e as *const Expr)) {
            self.copy_block(dst, v, &e.ty);
            return Ok(());
        }
        match &e.kind {
            ExprKind::ArrayLit(elems) => self.build_literal(dst, e, elems),
            ExprKind::Call(f, args) if self.single_array_result(*f) => {
                self.emit_call(*f, args, e.pos, Some(dst))?;
                Ok(())
            }
            _ => {
                let v = self.eval(e)?;
                self.copy_block(dst, v, &e.ty);
                Ok(())
            }
        }
    }

    /// For `l = r` with `l` a local array in memory: whether `r` can be evaluated
    /// straight into `l` ([`Self::eval_into`]) without changing what it computes.
    fn direct_into_local(&self, l: &Expr, r: &Expr) -> Option<LocalId> {
        let ExprKind::Local(id) = l.kind else {
            return None;
        };
        let local = &self.func.locals[id.0 as usize];
        if !local.ty.is_array() || matches!(self.locals[id.0 as usize], Store::Scalars) {
            return None;
        }
        match &r.kind {
            // The callee cannot reach `l` (not address-taken) and its arguments are
            // evaluated (array arguments copied) before it runs.
            ExprKind::Call(f, _) if self.single_array_result(*f) && !local.addr_taken => Some(id),
            // The elements do not read `l` (and nothing is at `l` but `l`).
            ExprKind::ArrayLit(_)
                if !analysis::mentions_local(r, id)
                    && (!local.addr_taken || !analysis::reads_through_pointers(r)) =>
            {
                Some(id)
            }
            _ => None,
        }
    }

    /// Whether a pointer into this function's result area may exist: an array result
    /// living there has its address taken. Then a callee must not get the area as its
    /// own result area (it could read the old results through the pointer after writing
    /// its own).
    fn area_addr_taken(&self) -> bool {
        self.func.result_ids().any(|r| {
            matches!(self.locals[r.0 as usize], Store::Ptr(_))
                && self.func.locals[r.0 as usize].addr_taken
        })
    }

    /// Whether evaluating `e` may read this function's result area (an array result
    /// living there, directly or through a pointer).
    fn may_read_area(&self, e: &Expr) -> bool {
        let in_area: Vec<LocalId> = self
            .func
            .result_ids()
            .filter(|r| matches!(self.locals[r.0 as usize], Store::Ptr(_)))
            .collect();
        in_area.iter().any(|&r| analysis::mentions_local(e, r))
            || (in_area
                .iter()
                .any(|r| self.func.locals[r.0 as usize].addr_taken)
                && analysis::reads_through_pointers(e))
    }

    /// A condition as a value usable by `brif` (nonzero = true).
    fn cond(&mut self, e: &Expr) -> Result<Value, CodegenError> {
        if let ExprKind::Binary(op, l, r) = &e.kind {
            if let Some(cc) = int_cc(*op) {
                if !l.ty.is_array() {
                    let a = self.eval(l)?;
                    let c = self.eval(r)?;
                    return Ok(self.b.ins().icmp(cc, a, c));
                }
            }
        }
        self.eval(e)
    }

    fn binary(&mut self, op: BinOp, l: &Expr, r: &Expr, pos: Pos) -> Result<Value, CodegenError> {
        use morestack_runtime::panic_code;
        if matches!(op, BinOp::LogAnd | BinOp::LogOr) {
            let lv = self.cond(l)?;
            let rhs = self.b.create_block();
            let join = self.b.create_block();
            let res = self.b.append_block_param(join, I64);
            let short = self
                .b
                .ins()
                .iconst(I64, if op == BinOp::LogAnd { 0 } else { 1 });
            if op == BinOp::LogAnd {
                self.b
                    .ins()
                    .brif(lv, rhs, &[], join, &[BlockArg::Value(short)]);
            } else {
                self.b
                    .ins()
                    .brif(lv, join, &[BlockArg::Value(short)], rhs, &[]);
            }
            self.b.switch_to_block(rhs);
            let mark = self.nil_ok.len();
            self.hoist(r)?;
            let rv = self.eval(r)?;
            self.nil_ok.truncate(mark);
            self.b.ins().jump(join, &[BlockArg::Value(rv)]);
            self.b.switch_to_block(join);
            return Ok(res);
        }
        if l.ty.is_array() && matches!(op, BinOp::Eq | BinOp::Ne) {
            let a = self.eval(l)?;
            let c = self.eval(r)?;
            let eq = self.eq_block(a, c, &l.ty);
            let v = self.bool_val(eq);
            return Ok(if op == BinOp::Ne {
                self.b.ins().bxor_imm_s(v, 1)
            } else {
                v
            });
        }
        let x = self.eval(l)?;
        if let Some(cc) = int_cc(op) {
            let y = self.eval(r)?;
            let c = self.b.ins().icmp(cc, x, y);
            return Ok(self.bool_val(c));
        }
        let rc = match r.kind {
            ExprKind::Const(c) => Some(c),
            _ => None,
        };
        Ok(match op {
            BinOp::Add => {
                let y = self.eval(r)?;
                self.b.ins().iadd(x, y)
            }
            BinOp::Sub => {
                let y = self.eval(r)?;
                self.b.ins().isub(x, y)
            }
            BinOp::Mul => {
                let y = self.eval(r)?;
                self.b.ins().imul(x, y)
            }
            BinOp::And => {
                let y = self.eval(r)?;
                self.b.ins().band(x, y)
            }
            BinOp::Or => {
                let y = self.eval(r)?;
                self.b.ins().bor(x, y)
            }
            BinOp::Xor => {
                let y = self.eval(r)?;
                self.b.ins().bxor(x, y)
            }
            BinOp::AndNot => {
                let y = self.eval(r)?;
                self.b.ins().band_not(x, y)
            }
            BinOp::Div | BinOp::Rem => {
                let div = op == BinOp::Div;
                match rc {
                    Some(0) => {
                        let z = self.b.ins().iconst(I64, 0);
                        self.panic_now(panic_code::DIVIDE, z, z);
                        self.dead_block();
                        self.b.ins().iconst(I64, 0)
                    }
                    Some(-1) => {
                        if div {
                            self.b.ins().ineg(x)
                        } else {
                            self.b.ins().iconst(I64, 0)
                        }
                    }
                    Some(c) => {
                        let y = self.b.ins().iconst(I64, c);
                        if div {
                            self.b.ins().sdiv(x, y)
                        } else {
                            self.b.ins().srem(x, y)
                        }
                    }
                    None => {
                        let y = self.eval(r)?;
                        let z = self.b.ins().icmp_imm_s(IntCC::Equal, y, 0);
                        self.panic_if(z, panic_code::DIVIDE, None, None);
                        let m1 = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
                        let one = self.b.ins().iconst(I64, 1);
                        let y2 = self.b.ins().select(m1, one, y);
                        if div {
                            let q = self.b.ins().sdiv(x, y2);
                            let n = self.b.ins().ineg(x);
                            self.b.ins().select(m1, n, q)
                        } else {
                            self.b.ins().srem(x, y2)
                        }
                    }
                }
            }
            BinOp::Shl | BinOp::Shr => {
                let shl = op == BinOp::Shl;
                match rc {
                    Some(c) if c < 0 => {
                        let z = self.b.ins().iconst(I64, 0);
                        self.panic_now(panic_code::NEGATIVE_SHIFT, z, z);
                        self.dead_block();
                        self.b.ins().iconst(I64, 0)
                    }
                    Some(c) if c >= 64 => {
                        if shl {
                            self.b.ins().iconst(I64, 0)
                        } else {
                            self.b.ins().sshr_imm_s(x, 63)
                        }
                    }
                    Some(c) => {
                        if shl {
                            self.b.ins().ishl_imm_s(x, c)
                        } else {
                            self.b.ins().sshr_imm_s(x, c)
                        }
                    }
                    None => {
                        let y = self.eval(r)?;
                        let neg = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, y, 0);
                        self.panic_if(neg, panic_code::NEGATIVE_SHIFT, None, None);
                        if shl {
                            let big =
                                self.b
                                    .ins()
                                    .icmp_imm_s(IntCC::UnsignedGreaterThanOrEqual, y, 64);
                            let s = self.b.ins().ishl(x, y);
                            let z = self.b.ins().iconst(I64, 0);
                            self.b.ins().select(big, z, s)
                        } else {
                            let m = self.b.ins().iconst(I64, 63);
                            let c = self.b.ins().umin(y, m);
                            self.b.ins().sshr(x, c)
                        }
                    }
                }
            }
            _ => return Err(CodegenError::new(pos, "internal error: binary operator")),
        })
    }

    // ----- statements -----

    fn stmts(&mut self, ss: &'a [Stmt]) -> Result<(), CodegenError> {
        let mut k = 0;
        while k < ss.len() {
            let s = &ss[k];
            let mark = self.frame.top;
            if let (Stmt::AssignCall(lhs, f, args), Some(Stmt::Return(es))) = (s, ss.get(k + 1)) {
                if self.returns_call_results(lhs, *f, es) {
                    // `return f()` (rewritten by the checker as `t1, t2 := f(); return t1,
                    // t2`) with f's results exactly ours: f stores them straight into our
                    // own result area.
                    self.hoist_all(args)?;
                    let area = self.result_area;
                    self.emit_call(*f, args, self.prog.funcs[f.0 as usize].pos, area)?;
                    self.ret(&[]);
                    self.dead_block();
                    self.release_temps(mark);
                    k += 2;
                    continue;
                }
            }
            if let (Stmt::For { cond, post, body }, Some(prev)) = (s, k.checked_sub(1)) {
                let range = self.counter_range(&ss[prev], cond.as_ref(), post, body);
                self.for_stmt(cond.as_ref(), post, body, range)?;
            } else {
                self.stmt(s)?;
            }
            self.release_temps(mark);
            k += 1;
        }
        Ok(())
    }

    /// The temporaries taken since `mark` (an earlier `frame.top`) are free again.
    fn release_temps(&mut self, mark: u64) {
        self.frame.top = mark.max(self.frame.floor);
    }

    /// Whether `lhs = f(...); return es` is `return f(...)` with f's results exactly this
    /// function's, passed through the result area: `lhs` are locals that `es` returns in
    /// the same order.
    fn returns_call_results(&self, lhs: &[Option<Expr>], f: FuncId, es: &[Expr]) -> bool {
        if self.result_area.is_none()
            || self.area_addr_taken()
            || self.layout.inline[f.0 as usize]
            || self.prog.funcs[f.0 as usize].results != self.func.results
            || lhs.len() != es.len()
        {
            return false;
        }
        let mut seen = Vec::new();
        lhs.iter().zip(es).all(|(l, e)| match (l, &e.kind) {
            (
                Some(Expr {
                    kind: ExprKind::Local(a),
                    ..
                }),
                ExprKind::Local(b),
            ) if a == b && !seen.contains(a) => {
                seen.push(*a);
                true
            }
            _ => false,
        })
    }

    /// For `i = c; for i < n { body; i++ }` (also `i <= n`) with constants `0 <= c` and
    /// `n`, a register variable `i` that `body` never assigns: `i`'s range in `body`.
    fn counter_range(
        &self,
        init: &Stmt,
        cond: Option<&Expr>,
        post: &[Stmt],
        body: &[Stmt],
    ) -> Option<(LocalId, i64, i64)> {
        let Stmt::Assign(lhs, rhs) = init else {
            return None;
        };
        let ([Some(l)], [r]) = (&lhs[..], &rhs[..]) else {
            return None;
        };
        let (ExprKind::Local(id), ExprKind::Const(start)) = (&l.kind, &r.kind) else {
            return None;
        };
        if l.ty != Type::Int || *start < 0 || !matches!(self.locals[id.0 as usize], Store::Var(_)) {
            return None;
        }
        let Some(ExprKind::Binary(op @ (BinOp::Lt | BinOp::Le), cl, cr)) = cond.map(|c| &c.kind)
        else {
            return None;
        };
        let (ExprKind::Local(cid), ExprKind::Const(n)) = (&cl.kind, &cr.kind) else {
            return None;
        };
        let hi = if *op == BinOp::Lt {
            n.checked_sub(1)?
        } else {
            *n
        };
        let [Stmt::OpAssign(BinOp::Add, pl, pr)] = post else {
            return None;
        };
        if cid != id
            || !matches!(pl.kind, ExprKind::Local(p) if p == *id)
            || !matches!(pr.kind, ExprKind::Const(1))
            || hi < *start
            || assigns_local(body, *id)
        {
            return None;
        }
        Some((*id, *start, hi))
    }

    /// `for cond { body; post }`; `range`: a loop counter's range inside `body`.
    fn for_stmt(
        &mut self,
        cond: Option<&Expr>,
        post: &'a [Stmt],
        body: &'a [Stmt],
        range: Option<(LocalId, i64, i64)>,
    ) -> Result<(), CodegenError> {
        // A check before the loop only holds inside it for variables the loop never
        // assigns (a later iteration sees the assignment).
        for x in &mut self.nil_ok {
            if x.is_some_and(|(id, _)| assigns_local(body, id) || assigns_local(post, id)) {
                *x = None;
            }
        }
        let mark = self.nil_ok.len();
        let header = self.b.create_block();
        let body_b = self.b.create_block();
        let post_b = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        match cond {
            Some(c) => {
                self.hoist(c)?;
                let cv = self.cond(c)?;
                self.b.ins().brif(cv, body_b, &[], exit, &[]);
            }
            None => {
                self.b.ins().jump(body_b, &[]);
            }
        }
        self.b.switch_to_block(body_b);
        self.targets.push((exit, Some(post_b)));
        self.ranges.extend(range);
        let body_mark = self.nil_ok.len();
        let r = self.stmts(body);
        if range.is_some() {
            self.ranges.pop();
        }
        r?;
        self.nil_ok.truncate(body_mark);
        self.targets.pop();
        if !self.filled() {
            self.b.ins().jump(post_b, &[]);
        }
        self.b.switch_to_block(post_b);
        self.stmts(post)?;
        self.nil_ok.truncate(mark);
        if !self.filled() {
            self.b.ins().jump(header, &[]);
        }
        self.b.switch_to_block(exit);
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> Result<(), CodegenError> {
        match s {
            Stmt::Block(ss) => self.stmts(ss)?,
            Stmt::Expr(e) => {
                self.hoist(e)?;
                self.eval(e)?;
            }
            Stmt::Zero(id) => self.zero_local(*id)?,
            Stmt::Assign(lhs, rhs) => {
                if let [Some(l)] = &lhs[..] {
                    if let ExprKind::Local(id) = l.kind {
                        if self.facts.deferred[id.0 as usize] {
                            // Evaluated at its one read (see `analysis::deferred_locals`).
                            self.deferred[id.0 as usize] = Some(&rhs[0]);
                            return Ok(());
                        }
                    }
                    if let Some(id) = self.direct_into_local(l, &rhs[0]) {
                        self.hoist_into(&rhs[0])?;
                        let dst = self.local_addr(id)?.expect("array in memory");
                        return self.eval_into(dst, &rhs[0]);
                    }
                    if let (ExprKind::ArrayLit(elems), Some(leaves)) =
                        (&rhs[0].kind, analysis::literal_leaves(&rhs[0]))
                    {
                        if !matches!(l.kind, ExprKind::Local(_))
                            && leaves
                                .iter()
                                .all(|(_, x)| matches!(x.kind, ExprKind::Const(_)))
                        {
                            // `*p = [N]T{...}`, `a[i] = [N]T{...}` with constant elements:
                            // built in place (nothing to read, nothing to fail).
                            self.hoist_all(lhs.iter().flatten())?;
                            let Place::Mem(dst) = self.place(l)? else {
                                return Err(CodegenError::new(
                                    l.pos,
                                    "internal error: array place",
                                ));
                            };
                            return self.build_literal(dst, &rhs[0], elems);
                        }
                    }
                    if let ExprKind::Local(id) = l.kind {
                        if matches!(self.locals[id.0 as usize], Store::Scalars) {
                            return match analysis::literal_leaves(&rhs[0]) {
                                Some(leaves) => self.assign_scalars(id, &rhs[0], &leaves),
                                None => {
                                    self.hoist(&rhs[0])?;
                                    let src = self.eval(&rhs[0])?;
                                    self.copy_to_scalars(id, src);
                                    Ok(())
                                }
                            };
                        }
                    }
                }
                self.hoist_all(lhs.iter().flatten())?;
                self.hoist_all(rhs)?;
                // Go's two phases: the left sides' operands, then the right sides, then
                // each store with its checks, left to right.
                if lhs.len() == 1 {
                    match &lhs[0] {
                        Some(l) => {
                            let p = self.pending_place(l)?;
                            let v = self.eval(&rhs[0])?;
                            let p = self.finish_place(p, true);
                            self.store_val(p, v, &l.ty);
                        }
                        None => {
                            self.eval(&rhs[0])?;
                        }
                    }
                } else {
                    let mut places = Vec::new();
                    for l in lhs {
                        places.push(match l {
                            Some(l) => Some(self.pending_place(l)?),
                            None => None,
                        });
                    }
                    // A store to a plain local before a place's check may change the
                    // pointer it was computed from: only then is the check not remembered.
                    let mut stored: Vec<LocalId> = Vec::new();
                    let mut vals = Vec::new();
                    for r in rhs {
                        let v = self.eval(r)?;
                        if r.ty.is_array() && !is_fresh(r) {
                            let t = self.temp(type_size(&r.ty), r.pos)?;
                            self.copy_block(t, v, &r.ty);
                            vals.push(t);
                        } else {
                            vals.push(v);
                        }
                    }
                    for (((p, v), r), l) in places.into_iter().zip(vals).zip(rhs).zip(lhs) {
                        if let Some(p) = p {
                            let alone = match p.start {
                                PendingStart::Ptr(e, _) => {
                                    !stored.iter().any(|id| analysis::mentions_local(e, *id))
                                }
                                _ => true,
                            };
                            let p = self.finish_place(p, alone);
                            self.store_val(p, v, &r.ty);
                        }
                        if let Some(Expr {
                            kind: ExprKind::Local(id),
                            ..
                        }) = l
                        {
                            stored.push(*id);
                        }
                    }
                }
            }
            Stmt::AssignCall(lhs, f, args) => {
                self.hoist_all(lhs.iter().flatten())?;
                self.hoist_all(args)?;
                // Go's two phases, as for `Stmt::Assign`: the left sides' operands, the
                // call, then each store with its checks.
                let mut places = Vec::new();
                for l in lhs {
                    places.push(match l {
                        Some(Expr {
                            kind: ExprKind::Local(id),
                            ..
                        }) if matches!(self.locals[id.0 as usize], Store::Scalars) => {
                            Some(Err(*id))
                        }
                        Some(l) => Some(Ok(self.pending_place(l)?)),
                        None => None,
                    });
                }
                let pos = self.prog.funcs[f.0 as usize].pos;
                let (regs, area) = self.emit_call(*f, args, pos, None)?;
                let results = self.prog.funcs[f.0 as usize].results.clone();
                let offsets = self.layout.abi(*f).result_offsets.clone();
                let mut stored: Vec<LocalId> = Vec::new();
                for (i, p) in places.into_iter().enumerate() {
                    let Some(p) = p else { continue };
                    let p = match p {
                        Err(id) => Dest::Scalars(id),
                        Ok(p) => {
                            let alone = match p.start {
                                PendingStart::Ptr(e, _) => {
                                    !stored.iter().any(|id| analysis::mentions_local(e, *id))
                                }
                                _ => true,
                            };
                            Dest::Place(self.finish_place(p, alone))
                        }
                    };
                    if let Some(Expr {
                        kind: ExprKind::Local(id),
                        ..
                    }) = &lhs[i]
                    {
                        stored.push(*id);
                    }
                    let ty = &results[i];
                    let v = match area {
                        None => regs[i],
                        Some(a) => {
                            let addr = self.b.ins().iadd_imm_s(a, offsets[i] as i64);
                            self.load_result(addr, ty)
                        }
                    };
                    match p {
                        Dest::Scalars(id) => self.copy_to_scalars(id, v),
                        Dest::Place(p) => self.store_val(p, v, ty),
                    }
                }
            }
            Stmt::OpAssign(op, l, r) => {
                self.hoist(l)?;
                self.hoist(r)?;
                let p = self.place(l)?;
                let old = self.load_place(p, &l.ty);
                let tmp = Expr {
                    kind: ExprKind::Const(0),
                    ty: l.ty.clone(),
                    pos: l.pos,
                };
                // Evaluate `old op r` with `old` already loaded.
                let v = self.binary_with_left(*op, old, &tmp, r)?;
                self.store_val(p, v, &l.ty);
            }
            Stmt::If(..) => {
                // An `else if` chain is one loop (no recursion per `else if`) whose exits
                // reach one join block through a [`Lower::join_tree`].
                let mut links = 1;
                let mut cur = s;
                while let Stmt::If(_, _, els) = cur {
                    match els.as_slice() {
                        [next @ Stmt::If(..)] => {
                            links += 1;
                            cur = next;
                        }
                        _ => break,
                    }
                }
                let join = self.b.create_block();
                let (exits, tree) = self.join_tree(links + 1, join);
                let mut exits = exits.into_iter();
                let mut cur = s;
                let mark = self.nil_ok.len();
                while let Stmt::If(c, then, els) = cur {
                    self.hoist(c)?;
                    let cv = self.cond(c)?;
                    let tb = self.b.create_block();
                    let eb = self.b.create_block();
                    self.b.ins().brif(cv, tb, &[], eb, &[]);
                    self.b.switch_to_block(tb);
                    self.stmts(then)?;
                    self.nil_ok.truncate(mark);
                    let exit = exits.next().expect("one exit per branch");
                    if !self.filled() {
                        self.b.ins().jump(exit, &[]);
                    }
                    self.b.switch_to_block(eb);
                    match els.as_slice() {
                        [next @ Stmt::If(..)] => cur = next,
                        _ => {
                            self.stmts(els)?;
                            self.nil_ok.truncate(mark);
                            let exit = exits.next().expect("one exit per branch");
                            if !self.filled() {
                                self.b.ins().jump(exit, &[]);
                            }
                            break;
                        }
                    }
                }
                self.finish_join_tree(tree);
                self.b.switch_to_block(join);
            }
            Stmt::For { cond, post, body } => self.for_stmt(cond.as_ref(), post, body, None)?,
            Stmt::Switch { cases, default } => {
                let end = self.b.create_block();
                let bodies: Vec<Block> = cases.iter().map(|_| self.b.create_block()).collect();
                // Only the first condition runs on every path.
                let mark = self.nil_ok.len();
                for (case, &bb) in cases.iter().zip(&bodies) {
                    for c in &case.conds {
                        self.hoist(c)?;
                        let cv = self.cond(c)?;
                        let next = self.b.create_block();
                        self.b.ins().brif(cv, bb, &[], next, &[]);
                        self.b.switch_to_block(next);
                    }
                }
                self.nil_ok.truncate(mark);
                self.targets.push((end, None));
                if let Some(d) = default {
                    self.stmts(d)?;
                    self.nil_ok.truncate(mark);
                }
                // Every case's body and the default reach `end` through a join tree.
                let (exits, tree) = self.join_tree(cases.len() + 1, end);
                if !self.filled() {
                    self.b.ins().jump(exits[cases.len()], &[]);
                }
                for ((case, &bb), &exit) in cases.iter().zip(&bodies).zip(&exits) {
                    self.b.switch_to_block(bb);
                    self.stmts(&case.body)?;
                    self.nil_ok.truncate(mark);
                    if !self.filled() {
                        self.b.ins().jump(exit, &[]);
                    }
                }
                self.targets.pop();
                self.finish_join_tree(tree);
                self.b.switch_to_block(end);
            }
            Stmt::Break => {
                let Some(&(t, _)) = self.targets.last() else {
                    return Err(CodegenError::new(self.func.pos, "internal error: break"));
                };
                self.b.ins().jump(t, &[]);
                self.dead_block();
            }
            Stmt::Continue => {
                let Some(t) = self.targets.iter().rev().find_map(|t| t.1) else {
                    return Err(CodegenError::new(self.func.pos, "internal error: continue"));
                };
                self.b.ins().jump(t, &[]);
                self.dead_block();
            }
            Stmt::Return(es) => {
                match self.result_area {
                    None => {
                        self.hoist_all(es)?;
                        let mut vals = Vec::new();
                        for e in es {
                            vals.push(self.eval(e)?);
                        }
                        match self.inline_ret {
                            Some(join) => {
                                let args: Vec<BlockArg> =
                                    vals.into_iter().map(BlockArg::Value).collect();
                                self.b.ins().jump(join, &args);
                            }
                            None => self.ret(&vals),
                        }
                    }
                    Some(area) => self.return_in_area(area, es)?,
                }
                self.dead_block();
            }
            Stmt::Print { args, newline } => {
                for a in args {
                    if let PrintArg::Value(e) = a {
                        self.hoist(e)?;
                    }
                }
                // Every argument is evaluated before anything is printed (as in Go: one
                // may panic); those that cannot panic (nor change: printing writes no
                // program memory) are evaluated right before they are printed instead,
                // so that they are not kept alive across the other prints.
                let mut vals = Vec::new();
                for a in args {
                    vals.push(match a {
                        PrintArg::Value(e) if !analysis::cannot_panic(e) => Some(self.eval(e)?),
                        _ => None,
                    });
                }
                for (i, (a, v)) in args.iter().zip(vals).enumerate() {
                    if *newline && i > 0 {
                        self.print_bytes(b" ");
                    }
                    match a {
                        PrintArg::Value(e) => {
                            let f = if e.ty == Type::Bool {
                                self.host.print_bool
                            } else {
                                self.host.print_int
                            };
                            let v = match v {
                                Some(v) => v,
                                None => self.eval(e)?,
                            };
                            let z = self.b.ins().iconst(I64, 0);
                            self.host_call(f, v, z, z);
                        }
                        PrintArg::Str(s) => self.print_bytes(s),
                    }
                }
                if *newline {
                    self.print_bytes(b"\n");
                }
            }
            Stmt::Panic(arg) => {
                use morestack_runtime::panic_code;
                match arg {
                    PanicArg::Value(e) => {
                        self.hoist(e)?;
                        let v = self.eval(e)?;
                        let code = if e.ty == Type::Bool {
                            panic_code::BOOL
                        } else {
                            panic_code::INT
                        };
                        let z = self.b.ins().iconst(I64, 0);
                        self.panic_now(code, v, z);
                    }
                    PanicArg::Str(s) => {
                        let addr = self.strings.intern(s);
                        let a = self.b.ins().iconst(I64, addr);
                        let n = self.b.ins().iconst(I64, s.len() as i64);
                        self.panic_now(panic_code::STR, a, n);
                    }
                }
                self.dead_block();
            }
        }
        Ok(())
    }

    /// `return es` through the result area at `area`. An array result that is already in
    /// its place (a result variable returned as itself) is not copied; a single array
    /// result is evaluated straight into the area when that is safe; with several
    /// results, every value is taken before any is stored (an array that may read the
    /// area is copied out first).
    fn return_in_area(&mut self, area: Value, es: &[Expr]) -> Result<(), CodegenError> {
        let offsets = self.layout.abi(self.fid).result_offsets.clone();
        let in_place = |l: &Self, i: usize, e: &Expr| {
            matches!(e.kind, ExprKind::Local(id) if id.0 as usize == l.func.params + i
                && matches!(l.locals[id.0 as usize], Store::Ptr(_)))
        };
        if let [e] = es {
            if e.ty.is_array() {
                if !in_place(self, 0, e) {
                    let direct = match e.kind {
                        ExprKind::Call(..) => !self.area_addr_taken(),
                        ExprKind::ArrayLit(_) => !self.may_read_area(e),
                        _ => false,
                    };
                    if direct {
                        self.hoist_into(e)?;
                        self.eval_into(area, e)?;
                    } else {
                        self.hoist(e)?;
                        let v = self.eval(e)?;
                        self.copy_block(area, v, &e.ty);
                    }
                }
                self.ret(&[]);
                return Ok(());
            }
        }
        self.hoist_all(es)?;
        let mut vals = Vec::new();
        for (i, e) in es.iter().enumerate() {
            let v = self.eval(e)?;
            if e.ty.is_array() && !is_fresh(e) && !in_place(self, i, e) && self.may_read_area(e) {
                let t = self.temp(type_size(&e.ty), e.pos)?;
                self.copy_block(t, v, &e.ty);
                vals.push(t);
            } else {
                vals.push(v);
            }
        }
        for (i, ((v, e), off)) in vals.into_iter().zip(es).zip(offsets).enumerate() {
            if in_place(self, i, e) {
                continue;
            }
            let a = self.b.ins().iadd_imm_s(area, off as i64);
            self.store_result(a, v, &e.ty);
        }
        self.ret(&[]);
        Ok(())
    }

    /// `id = <array at src>` for an array `id` replaced by scalars: its element variables
    /// are loaded from the source (elements it never touches are not).
    fn copy_to_scalars(&mut self, id: LocalId, src: Value) {
        let Type::Array(..) = &self.func.locals[id.0 as usize].ty else {
            return;
        };
        let mut scalar = &self.func.locals[id.0 as usize].ty;
        while let Type::Array(_, el) = scalar {
            scalar = el;
        }
        let scalar = scalar.clone();
        let size = type_size(&scalar) as i64;
        let mut vars: Vec<(u64, Variable)> = self.scalars[id.0 as usize]
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        vars.sort_by_key(|v| v.0);
        let mut vals = Vec::with_capacity(vars.len());
        for &(k, _) in &vars {
            let a = self.b.ins().iadd_imm_s(src, (k as i64).wrapping_mul(size));
            vals.push(self.load_mem(a, &scalar));
        }
        for ((_, var), v) in vars.into_iter().zip(vals) {
            self.b.def_var(var, v);
        }
    }

    /// `id = lit` for an array `id` replaced by scalars: every element of the literal is
    /// evaluated in order, then the element variables are set (unlisted ones to 0).
    fn assign_scalars(
        &mut self,
        id: LocalId,
        lit: &Expr,
        leaves: &[(u64, &Expr)],
    ) -> Result<(), CodegenError> {
        self.hoist(lit)?;
        let mut vals = HashMap::new();
        for (flat, x) in leaves {
            let v = self.eval(x)?;
            vals.insert(*flat, v);
        }
        let vars: Vec<(u64, Variable)> = self.scalars[id.0 as usize]
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        let mut zero = None;
        for (k, var) in vars {
            let v = match vals.get(&k) {
                Some(v) => *v,
                None => *zero.get_or_insert_with(|| self.b.ins().iconst(I64, 0)),
            };
            self.b.def_var(var, v);
        }
        Ok(())
    }

    fn print_bytes(&mut self, s: &[u8]) {
        let addr = self.strings.intern(s);
        let a = self.b.ins().iconst(I64, addr);
        let n = self.b.ins().iconst(I64, s.len() as i64);
        let z = self.b.ins().iconst(I64, 0);
        self.host_call(self.host.print_str, a, n, z);
    }

    /// `old op r` where `old` is already evaluated (for `x op= r`).
    fn binary_with_left(
        &mut self,
        op: BinOp,
        old: Value,
        placeholder: &Expr,
        r: &Expr,
    ) -> Result<Value, CodegenError> {
        // Bind the placeholder to `old` through the hoisting table: a Call never
        // appears as a constant, so reuse a local trick: temporarily treat the
        // placeholder's address as hoisted.
        let wrapped = Expr {
            kind: ExprKind::Call(FuncId(u32::MAX), Vec::new()),
            ty: placeholder.ty.clone(),
            pos: placeholder.pos,
        };
        self.hoisted.insert(&wrapped as *const Expr, old);
        let v = self.binary(op, &wrapped, r, placeholder.pos);
        self.hoisted.remove(&(&wrapped as *const Expr));
        v
    }
}

fn int_cc(op: BinOp) -> Option<IntCC> {
    Some(match op {
        BinOp::Eq => IntCC::Equal,
        BinOp::Ne => IntCC::NotEqual,
        BinOp::Lt => IntCC::SignedLessThan,
        BinOp::Le => IntCC::SignedLessThanOrEqual,
        BinOp::Gt => IntCC::SignedGreaterThan,
        BinOp::Ge => IntCC::SignedGreaterThanOrEqual,
        _ => return None,
    })
}

/// Whether any statement in `ss` (at any depth) assigns local `id`.
fn assigns_local(ss: &[Stmt], id: LocalId) -> bool {
    let is = |e: &Expr| matches!(e.kind, ExprKind::Local(l) if l == id);
    ss.iter().any(|s| match s {
        Stmt::Block(b) => assigns_local(b, id),
        Stmt::Zero(l) => *l == id,
        Stmt::Assign(lhs, _) | Stmt::AssignCall(lhs, _, _) => lhs.iter().flatten().any(is),
        Stmt::OpAssign(_, l, _) => is(l),
        Stmt::If(_, t, e) => assigns_local(t, id) || assigns_local(e, id),
        Stmt::For { post, body, .. } => assigns_local(post, id) || assigns_local(body, id),
        Stmt::Switch { cases, default } => {
            cases.iter().any(|c| assigns_local(&c.body, id))
                || default.as_ref().is_some_and(|d| assigns_local(d, id))
        }
        Stmt::Expr(_)
        | Stmt::Break
        | Stmt::Continue
        | Stmt::Return(_)
        | Stmt::Print { .. }
        | Stmt::Panic(_) => false,
    })
}

/// Whether an array-valued expression yields a fresh temporary (no copy needed).
fn is_fresh(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::ArrayLit(_) | ExprKind::Call(..))
}

/// Whether array literal `e` lists every element, at every depth (building it needs no
/// zeroing first).
fn is_full_literal(e: &Expr) -> bool {
    match (&e.kind, &e.ty) {
        (ExprKind::ArrayLit(elems), Type::Array(n, _)) => {
            // The checker rejects duplicate indices.
            elems.len() as u64 == *n && elems.iter().all(|(_, x)| is_full_literal(x))
        }
        // A scalar, or an array value copied whole.
        _ => true,
    }
}

/// Builds the entry trampoline for `target`: a SystemV function
/// `(ctx, args, results)` that saves the pinned register, sets it to `ctx`, runs
/// `init` first when given, calls `target` with its `int`/`bool` arguments loaded from
/// `args` (8 bytes each), stores its results to `results` (8 bytes each) and restores
/// the pinned register. `name_index` is the trampoline's own name (namespace 0).
pub fn entry_trampoline(
    prog: &Program,
    layout: &Layout,
    target: FuncId,
    init: Option<FuncId>,
    name_index: u32,
    fctx: &mut FunctionBuilderContext,
) -> ir::Function {
    let mut sig = Signature::new(CallConv::SystemV);
    for _ in 0..3 {
        sig.params.push(AbiParam::new(I64));
    }
    let mut irf = ir::Function::with_name_signature(func_name(name_index), sig);
    let mut b = FunctionBuilder::new(&mut irf, fctx);
    let blk = b.create_block();
    b.append_block_params_for_function_params(blk);
    b.switch_to_block(blk);
    let p = b.block_params(blk).to_vec();
    let (ctx, args, results) = (p[0], p[1], p[2]);
    let old = b.ins().get_pinned_reg(I64);
    b.ins().set_pinned_reg(ctx);
    if let Some(i) = init {
        let r = import_gen_func(b.func, i.0, layout.abi(i).sig.clone());
        let mut argv = Vec::new();
        if !layout.abi(i).ret_in_regs {
            let s = b.create_sized_stack_slot(StackSlotData::new(
                StackSlotKind::ExplicitSlot,
                layout.abi(i).result_area_size.max(8) as u32,
                3,
            ));
            argv.push(b.ins().stack_addr(I64, s, 0));
        }
        b.ins().call(r, &argv);
    }
    let abi = layout.abi(target);
    let func = &prog.funcs[target.0 as usize];
    let r = import_gen_func(b.func, target.0, abi.sig.clone());
    let mut argv = Vec::new();
    let area = if abi.ret_in_regs {
        None
    } else {
        let s = b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            abi.result_area_size.max(8) as u32,
            3,
        ));
        let a = b.ins().stack_addr(I64, s, 0);
        argv.push(a);
        Some(a)
    };
    if abi.block.is_some() {
        // Every parameter is an `int` or `bool` (see `is_callable_from_rust`): the
        // argument array is the parameter block.
        argv.push(args);
    } else {
        for i in 0..func.params {
            argv.push(b.ins().load(I64, mf(), args, (i * 8) as i32));
        }
    }
    let call = b.ins().call(r, &argv);
    let rets = b.inst_results(call).to_vec();
    for i in 0..func.results.len() {
        let v = match area {
            None => rets.get(i).copied().unwrap_or(rets[0]),
            Some(a) => b.ins().load(I64, mf(), a, (abi.result_offsets[i]) as i32),
        };
        b.ins().store(mf(), v, results, (i * 8) as i32);
    }
    b.ins().set_pinned_reg(old);
    b.ins().return_(&[]);
    b.seal_all_blocks();
    b.finalize(cranelift_codegen::isa::TargetFrontendConfig {
        default_call_conv: CallConv::SystemV,
        pointer_width: target_lexicon::PointerWidth::U64,
        page_size_align_log2: 12,
    });
    irf
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

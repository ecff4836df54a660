//! Relocatable code for the copying strategy: optimized code in which no address into the
//! stack stays in a register across a call, so that the runtime can move a stack while
//! its functions are suspended at calls and rewrite every stack address they hold (in the
//! slots their stack maps list). Independent of the Go front end: it works on any function
//! whose stack addresses come from `stack_addr` and from parameters the caller marks.
//!
//! Where stack addresses come from, and how they flow ([`stack_addresses`]):
//! - `stack_addr` results, `get_frame_pointer` and `get_stack_pointer` results (an
//!   argument passed in the caller's frame is addressed from the frame pointer), and the
//!   function's parameters marked as pointers (`ptrmask`);
//! - `iadd` with one such operand (an element address), `isub` of an integer from one,
//!   `select` of one, and block parameters that receive one on some edge (SSA phis of
//!   pointer variables).
//!
//! Nothing else produces one: in the language a pointer is never stored in memory (not in
//! arrays, globals or through another pointer) and never returned, so no load yields a
//! stack address. A value derived from a stack address by anything but the operations
//! above (a comparison, a difference of two addresses) is not an address and is never
//! relocated, so the runtime never touches it.
//!
//! # The optimizer hazard, and the pass
//!
//! Cranelift's optimizer (the egraph pass: GVN, LICM) computes a value once where it
//! dominates all its uses: a `stack_addr` used after a call is merged with one before
//! it, and an address used in a loop with a call is hoisted out of the loop, so the
//! address stays in a (callee-saved) register across the call; no stack map describes
//! that register, so after a move it still points into the old stack (see
//! docs/DESIGN.md). So relocatable code is compiled in three steps
//! ([`optimize_relocatable`]):
//!
//! 1. Cranelift's optimizer runs on the function as built.
//! 2. [`make_relocatable`] rewrites the optimized function: a stack address live across
//!    a call is recomputed where it is used after the call: a `stack_addr` (or the frame
//!    or stack pointer) is computed again (*rematerialized*); a pointer parameter, block parameter or `select` is
//!    stored once to a slot listed in the stack map of every call it is live across, and
//!    reloaded; an element address (one of these plus or minus values that are not
//!    addresses) is computed again from its recomputed base. Uses that no call can
//!    precede keep the value. [`check_relocatable`] then verifies that no stack address
//!    is live across a call any more.
//! 3. The function is lowered without optimizing again: with an `opt_level=none` ISA
//!    ([`crate::CodeKind::Relocatable`]), `Context::compile` runs no egraph pass (only
//!    unreachable-code removal and constant-phi removal, which do not lengthen any
//!    live range across a call), and `opt_level` changes nothing else in Cranelift.
//!
//! A function with no stack address live across a call is exactly the optimized code.

use crate::Error;
use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::cursor::{Cursor, FuncCursor};
use cranelift_codegen::ir::{
    Block, BlockArg, Function, Inst, InstBuilder, InstructionData, MemFlagsData, Opcode, StackSlot,
    StackSlotData, StackSlotKind, UserStackMapEntry, Value, ValueDef,
};
use cranelift_codegen::isa::TargetIsa;
use cranelift_codegen::settings::OptLevel;
use cranelift_codegen::Context;
use std::collections::{HashMap, HashSet};

/// The stack addresses of `func`: values computed from `stack_addr` or from `params`
/// (values known to be stack addresses, e.g. pointer parameters) as described in the
/// module docs.
pub fn stack_addresses(func: &Function, params: &[Value]) -> HashSet<Value> {
    let mut set: HashSet<Value> = params.iter().copied().collect();
    let dfg = &func.dfg;
    loop {
        let before = set.len();
        for block in func.layout.blocks() {
            for inst in func.layout.block_insts(block) {
                let data = &dfg.insts[inst];
                // Values may be aliases (the SSA builder makes them); look through them.
                let args: Vec<Value> = dfg
                    .inst_args(inst)
                    .iter()
                    .map(|&v| dfg.resolve_aliases(v))
                    .collect();
                let result = dfg.inst_results(inst).first().copied();
                let derived = match data.opcode() {
                    Opcode::StackAddr | Opcode::GetFramePointer | Opcode::GetStackPointer => true,
                    Opcode::Iadd => set.contains(&args[0]) != set.contains(&args[1]),
                    Opcode::Isub => set.contains(&args[0]) && !set.contains(&args[1]),
                    Opcode::Select | Opcode::SelectSpectreGuard => {
                        set.contains(&args[1]) || set.contains(&args[2])
                    }
                    _ => false,
                };
                if derived {
                    if let Some(r) = result {
                        set.insert(r);
                    }
                }
                if let InstructionData::Jump { .. }
                | InstructionData::Brif { .. }
                | InstructionData::BranchTable { .. } = data
                {
                    for call in data.branch_destination(&dfg.jump_tables, &dfg.exception_tables) {
                        let dest = call.block(&dfg.value_lists);
                        let dest_params = dfg.block_params(dest);
                        for (i, a) in call.args(&dfg.value_lists).enumerate() {
                            if let BlockArg::Value(v) = a {
                                if set.contains(&dfg.resolve_aliases(v)) {
                                    set.insert(dest_params[i]);
                                }
                            }
                        }
                    }
                }
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// The entry block's parameters at the indices `pointers`.
fn pointer_params(func: &Function, pointers: &[usize]) -> Result<Vec<Value>, Error> {
    let entry = func
        .layout
        .entry_block()
        .ok_or_else(|| Error::Function("the function has no body".into()))?;
    let params = func.dfg.block_params(entry);
    pointers
        .iter()
        .map(|&i| {
            params.get(i).copied().ok_or_else(|| {
                Error::Function(format!(
                    "pointer parameter {i} does not exist ({} parameters)",
                    params.len()
                ))
            })
        })
        .collect()
}

/// For each safepoint, the stack addresses live across it.
type LiveAcross = HashMap<Inst, Vec<Value>>;

/// A subset of a fixed, numbered set of values, as bits.
#[derive(Clone, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    fn union(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn intersect(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// The members, in increasing order.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(k, &w)| {
            (0..64)
                .filter(move |b| (w >> b) & 1 != 0)
                .map(move |b| k * 64 + b)
        })
    }
}

/// For every safepoint of `func` (a call that returns), the values of `set` live across
/// it: used after the call on some path (a branch argument counts as a use), sorted.
/// Safepoints with none are left out.
pub fn live_across_calls(func: &Function, set: &HashSet<Value>) -> HashMap<Inst, Vec<Value>> {
    let mut across = HashMap::new();
    let has_call = func.layout.blocks().any(|b| {
        func.layout
            .block_insts(b)
            .any(|i| func.dfg.insts[i].opcode().is_safepoint())
    });
    if set.is_empty() || !has_call {
        return across;
    }
    let mut vals: Vec<Value> = set.iter().copied().collect();
    vals.sort();
    let num: HashMap<Value, usize> = vals.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let n = vals.len();
    let blocks: Vec<_> = func.layout.blocks().collect();
    let index: HashMap<_, usize> = blocks.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let succs: Vec<Vec<usize>> = blocks
        .iter()
        .map(|&b| {
            func.block_successors(b)
                .filter_map(|s| index.get(&s).copied())
                .collect()
        })
        .collect();
    let mut preds = vec![Vec::new(); blocks.len()];
    for (i, ss) in succs.iter().enumerate() {
        for &j in ss {
            preds[j].push(i);
        }
    }
    let mut live_in = vec![Bits::new(n); blocks.len()];
    let live_out = |live_in: &[Bits], i: usize| {
        let mut out = Bits::new(n);
        for &j in &succs[i] {
            out.union(&live_in[j]);
        }
        out
    };
    // Backward dataflow to a fixed point (the sets only grow); the last block first.
    let mut work: Vec<usize> = (0..blocks.len()).collect();
    let mut queued = vec![true; blocks.len()];
    while let Some(i) = work.pop() {
        queued[i] = false;
        let inn = transfer(func, &num, blocks[i], live_out(&live_in, i), None);
        if inn != live_in[i] {
            live_in[i] = inn;
            for &p in &preds[i] {
                if !queued[p] {
                    queued[p] = true;
                    work.push(p);
                }
            }
        }
    }
    for (i, &b) in blocks.iter().enumerate() {
        let out = live_out(&live_in, i);
        transfer(func, &num, b, out, Some((&mut across, &vals)));
    }
    across
}

/// The values (numbered by `num`) live at the start of `block` given those live at its
/// end; records the values live across each safepoint in `record` (with the values by
/// number).
fn transfer(
    func: &Function,
    num: &HashMap<Value, usize>,
    block: Block,
    mut live: Bits,
    mut record: Option<(&mut LiveAcross, &[Value])>,
) -> Bits {
    let dfg = &func.dfg;
    let mut at = func.layout.last_inst(block);
    while let Some(inst) = at {
        let data = &dfg.insts[inst];
        // Branch arguments are used when control leaves the block.
        for call in data.branch_destination(&dfg.jump_tables, &dfg.exception_tables) {
            for a in call.args(&dfg.value_lists) {
                if let Some(&k) = a.as_value().and_then(|v| num.get(&dfg.resolve_aliases(v))) {
                    live.insert(k);
                }
            }
        }
        for r in dfg.inst_results(inst) {
            if let Some(&k) = num.get(r) {
                live.remove(k);
            }
        }
        if data.opcode().is_safepoint() && !live.is_empty() {
            if let Some((rec, vals)) = record.as_mut() {
                rec.insert(inst, live.iter().map(|k| vals[k]).collect());
            }
        }
        for &a in dfg.inst_args(inst) {
            if let Some(&k) = num.get(&dfg.resolve_aliases(a)) {
                live.insert(k);
            }
        }
        at = func.layout.prev_inst(inst);
    }
    for p in dfg.block_params(block) {
        if let Some(&k) = num.get(p) {
            live.remove(k);
        }
    }
    live
}

/// The address operand of `v` when `v` is derived from one stack address by adding or
/// subtracting a value that is not a stack address (an element address), else `None`.
fn base_of(func: &Function, addrs: &HashSet<Value>, v: Value) -> Option<Value> {
    let dfg = &func.dfg;
    let ValueDef::Result(inst, _) = dfg.value_def(v) else {
        return None;
    };
    let InstructionData::Binary { opcode, args } = dfg.insts[inst] else {
        return None;
    };
    let (a, b) = (dfg.resolve_aliases(args[0]), dfg.resolve_aliases(args[1]));
    match opcode {
        Opcode::Iadd if addrs.contains(&a) && !addrs.contains(&b) => Some(a),
        Opcode::Iadd if addrs.contains(&b) && !addrs.contains(&a) => Some(b),
        Opcode::Isub if addrs.contains(&a) && !addrs.contains(&b) => Some(a),
        _ => None,
    }
}

/// The stack address `v` is derived from ([`base_of`], repeatedly): a `stack_addr`, or
/// a *root* that must be kept in a stack slot (a pointer parameter, a block parameter, a
/// `select`).
fn root_of(func: &Function, addrs: &HashSet<Value>, mut v: Value) -> Value {
    while let Some(b) = base_of(func, addrs, v) {
        v = b;
    }
    v
}

fn is_stack_addr(func: &Function, v: Value) -> bool {
    matches!(func.dfg.value_def(v), ValueDef::Result(i, _)
        if matches!(func.dfg.insts[i].opcode(),
            Opcode::StackAddr | Opcode::GetFramePointer | Opcode::GetStackPointer))
}

/// The state of the rewrite of [`make_relocatable`].
struct Rewrite {
    /// The stack addresses of the function as built.
    addrs: HashSet<Value>,
    /// Those live across some call: recomputed where they are used after a call.
    needs: HashSet<Value>,
    /// The slot of each root that some value of `needs` is derived from.
    slots: HashMap<Value, StackSlot>,
    /// For each value the rewrite made, the original value it stands for.
    orig: HashMap<Value, Value>,
}

impl Rewrite {
    fn canonical(&self, v: Value) -> Value {
        self.orig.get(&v).copied().unwrap_or(v)
    }

    /// The value of the stack address `v` (original) just before `before`: what `avail`
    /// holds (computed in this block since its last call), else recomputed: reloaded
    /// from its slot (a root), a new `stack_addr`, or its base recomputed plus or minus
    /// the same operand.
    fn materialize(
        &mut self,
        func: &mut Function,
        before: Inst,
        v: Value,
        avail: &mut HashMap<Value, Value>,
    ) -> Value {
        if let Some(&a) = avail.get(&v) {
            return a;
        }
        let ty = func.dfg.value_type(v);
        let new = if let Some(&slot) = self.slots.get(&v) {
            let mut pos = FuncCursor::new(func).at_inst(before);
            let addr = pos.ins().stack_addr(ty, slot, 0);
            pos.ins().load(ty, spill_flags(), addr, 0)
        } else {
            let ValueDef::Result(def, _) = func.dfg.value_def(v) else {
                return v; // Not reached: a parameter that is a root has a slot.
            };
            match func.dfg.insts[def] {
                InstructionData::StackAddr {
                    stack_slot, offset, ..
                } => FuncCursor::new(func)
                    .at_inst(before)
                    .ins()
                    .stack_addr(ty, stack_slot, offset),
                InstructionData::NullAry { opcode } => {
                    let mut pos = FuncCursor::new(func).at_inst(before);
                    match opcode {
                        Opcode::GetFramePointer => pos.ins().get_frame_pointer(ty),
                        Opcode::GetStackPointer => pos.ins().get_stack_pointer(ty),
                        _ => return v, // Not reached: no other nullary op is an address.
                    }
                }
                InstructionData::Binary { opcode, args } => {
                    let mut ops = [Value::from_u32(0); 2];
                    for (k, &a) in args.iter().enumerate() {
                        let a = self.canonical(func.dfg.resolve_aliases(a));
                        ops[k] = if self.addrs.contains(&a) {
                            self.materialize(func, before, a, avail)
                        } else {
                            a
                        };
                    }
                    let mut pos = FuncCursor::new(func).at_inst(before);
                    if opcode == Opcode::Isub {
                        pos.ins().isub(ops[0], ops[1])
                    } else {
                        pos.ins().iadd(ops[0], ops[1])
                    }
                }
                _ => return v, // Not reached: any other address is a root.
            }
        };
        self.orig.insert(new, v);
        avail.insert(v, new);
        new
    }

    /// Rewrites the uses of the values of `needs`: each use takes the value itself when
    /// no call lies between its definition and the use on any path ([`call_free`]), else
    /// the value computed in the same block since its last call, else recomputes it.
    fn uses(&mut self, func: &mut Function) {
        let blocks: Vec<_> = func.layout.blocks().collect();
        let mut clean = call_free(func, &self.addrs);
        for block in blocks {
            let insts: Vec<Inst> = func.layout.block_insts(block).collect();
            let mut avail: HashMap<Value, Value> = clean
                .remove(&block)
                .unwrap_or_default()
                .into_iter()
                .map(|v| (v, v))
                .collect();
            for &p in func.dfg.block_params(block) {
                if self.addrs.contains(&p) {
                    avail.insert(p, p);
                }
            }
            for inst in insts {
                let vals: Vec<Value> = func.dfg.inst_values(inst).collect();
                let mut new_vals = Vec::with_capacity(vals.len());
                let mut changed = false;
                for v in vals {
                    let v = func.dfg.resolve_aliases(v);
                    let nv = if self.needs.contains(&v) {
                        self.materialize(func, inst, v, &mut avail)
                    } else {
                        v
                    };
                    changed |= nv != v;
                    new_vals.push(nv);
                }
                if changed {
                    func.dfg.overwrite_inst_values(inst, new_vals.into_iter());
                }
                if func.dfg.insts[inst].opcode().is_safepoint() {
                    avail.clear();
                }
                for &r in func.dfg.inst_results(inst) {
                    if self.addrs.contains(&r) {
                        avail.insert(r, r);
                    }
                }
            }
        }
    }
}

/// For each block, the stack addresses of `addrs` that reach its start on no path
/// through a call after their definition (so they still hold their values there).
fn call_free(func: &Function, addrs: &HashSet<Value>) -> HashMap<Block, Vec<Value>> {
    let mut vals: Vec<Value> = addrs.iter().copied().collect();
    vals.sort();
    let num: HashMap<Value, usize> = vals.iter().enumerate().map(|(i, &v)| (v, i)).collect();
    let n = vals.len();
    let blocks: Vec<Block> = func.layout.blocks().collect();
    let index: HashMap<Block, usize> = blocks.iter().enumerate().map(|(i, &b)| (b, i)).collect();
    let mut preds = vec![Vec::new(); blocks.len()];
    for (i, &b) in blocks.iter().enumerate() {
        for s in func.block_successors(b) {
            if let Some(&j) = index.get(&s) {
                preds[j].push(i);
            }
        }
    }
    // What leaves each block call-free, given what enters it.
    let out_of = |i: usize, mut set: Bits| {
        for &p in func.dfg.block_params(blocks[i]) {
            if let Some(&k) = num.get(&p) {
                set.insert(k);
            }
        }
        for inst in func.layout.block_insts(blocks[i]) {
            if func.dfg.insts[inst].opcode().is_safepoint() {
                set = Bits::new(n);
            }
            for r in func.dfg.inst_results(inst) {
                if let Some(&k) = num.get(r) {
                    set.insert(k);
                }
            }
        }
        set
    };
    // A must-analysis from the top (everything) down to a fixed point, in layout order.
    let full = {
        let mut b = Bits::new(n);
        for k in 0..n {
            b.insert(k);
        }
        b
    };
    let entry = func.layout.entry_block();
    let mut ins: Vec<Bits> = blocks
        .iter()
        .map(|&b| {
            if Some(b) == entry {
                Bits::new(n)
            } else {
                full.clone()
            }
        })
        .collect();
    let mut outs: Vec<Bits> = (0..blocks.len())
        .map(|i| out_of(i, ins[i].clone()))
        .collect();
    loop {
        let mut changed = false;
        for i in 0..blocks.len() {
            if Some(blocks[i]) == entry {
                continue;
            }
            let mut inn = full.clone();
            for &p in &preds[i] {
                inn.intersect(&outs[p]);
            }
            if preds[i].is_empty() {
                inn = Bits::new(n);
            }
            if inn != ins[i] {
                ins[i] = inn;
                outs[i] = out_of(i, ins[i].clone());
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    blocks
        .iter()
        .zip(ins)
        .map(|(&b, set)| (b, set.iter().map(|k| vals[k]).collect()))
        .collect()
}

/// Memory flags of spill slot accesses.
fn spill_flags() -> MemFlagsData {
    let mut f = MemFlagsData::trusted();
    f.set_notrap();
    f
}

/// Makes `func` (typically already optimized) relocatable: afterwards no stack address
/// (see the module docs; `pointers` are the indices of the parameters that are stack
/// addresses) stays in a register across a call. Each stack address live across a call
/// is recomputed where it is used after the call (once per block and call; uses before
/// any call keep the value):
///
/// - a `stack_addr` is computed again;
/// - a *root* (a pointer parameter, a block parameter, a `select`) is stored to a stack
///   slot where it is defined, the slot is listed in the stack map of every call across
///   which the root or an address derived from it is live (the runtime rewrites it when
///   it moves the stack), and it is reloaded from the slot;
/// - an address derived from one of these by adding or subtracting a value that is not
///   an address (an element address) is computed again from its recomputed base.
///
/// The result must then be compiled without optimizing again (an `opt_level=none` ISA,
/// [`crate::CodeKind::Relocatable`]): Cranelift's GVN and LICM would merge the
/// recomputed addresses and the reloads with the values they replace. A function with no
/// stack address live across a call is left as it was.
pub fn make_relocatable(func: &mut Function, pointers: &[usize]) -> Result<(), Error> {
    func.dfg.resolve_all_aliases();
    let params = pointer_params(func, pointers)?;
    let addrs = stack_addresses(func, &params);
    let live = live_across_calls(func, &addrs);
    if live.is_empty() {
        return Ok(());
    }
    let mut calls: Vec<_> = live.into_iter().collect();
    calls.sort();
    let needs: HashSet<Value> = calls.iter().flat_map(|(_, v)| v.iter().copied()).collect();
    let mut roots: Vec<Value> = needs
        .iter()
        .map(|&v| root_of(func, &addrs, v))
        .filter(|&r| !is_stack_addr(func, r))
        .collect();
    roots.sort();
    roots.dedup();
    let mut slots = HashMap::new();
    for &r in &roots {
        let t = func.dfg.value_type(r);
        if t.bytes() > 16 || !t.bytes().is_power_of_two() {
            return Err(Error::Function(format!(
                "stack address {r} has type {t}, which cannot be in a stack map"
            )));
        }
        let data = StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            t.bytes(),
            t.bytes().ilog2() as u8,
        );
        slots.insert(r, func.create_sized_stack_slot(data));
    }
    // Stack maps: the slot of every root an address live across the call comes from.
    for (inst, vals) in &calls {
        let mut listed = HashSet::new();
        for &v in vals {
            let r = root_of(func, &addrs, v);
            if let Some(&slot) = slots.get(&r) {
                if listed.insert(slot) {
                    let ty = func.dfg.value_type(r);
                    func.dfg.append_user_stack_map_entry(
                        *inst,
                        UserStackMapEntry {
                            ty,
                            slot,
                            offset: 0,
                        },
                    );
                }
            }
        }
    }
    // Spills: each root to its slot where it is defined.
    for &r in &roots {
        let slot = slots[&r];
        let ty = func.dfg.value_type(r);
        let mut pos = match func.dfg.value_def(r) {
            ValueDef::Result(inst, _) => FuncCursor::new(func).after_inst(inst),
            ValueDef::Param(block, _) => {
                let first = func
                    .layout
                    .first_inst(block)
                    .ok_or_else(|| Error::Function(format!("{block} has no instructions")))?;
                FuncCursor::new(func).at_inst(first)
            }
            ValueDef::Union(..) => {
                return Err(Error::Function(format!("{r} is not a plain value")));
            }
        };
        let addr = pos.ins().stack_addr(ty, slot, 0);
        pos.ins().store(spill_flags(), r, addr, 0);
    }
    let mut rw = Rewrite {
        addrs,
        needs,
        slots,
        orig: HashMap::new(),
    };
    rw.uses(func);
    Ok(())
}

/// Checks what [`make_relocatable`] ensures: no stack address of `func` is live across a
/// call, except in a stack slot that the call's stack map lists. The stack addresses are
/// those of [`stack_addresses`], counting as sources the parameters at `pointers` and the
/// values loaded from a slot that some stack map lists (the reloads).
pub fn check_relocatable(func: &Function, pointers: &[usize]) -> Result<(), Error> {
    let dfg = &func.dfg;
    let mut roots = pointer_params(func, pointers)?;
    let mut mapped = HashSet::new();
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            for e in dfg.user_stack_map_entries(inst).unwrap_or(&[]) {
                mapped.insert(e.slot);
            }
        }
    }
    let slot_of = |v: Value| match dfg.value_def(dfg.resolve_aliases(v)) {
        ValueDef::Result(i, _) => match dfg.insts[i] {
            InstructionData::StackAddr { stack_slot, .. } => Some(stack_slot),
            _ => None,
        },
        _ => None,
    };
    for block in func.layout.blocks() {
        for inst in func.layout.block_insts(block) {
            let reload = match dfg.insts[inst] {
                InstructionData::Load {
                    opcode: Opcode::Load,
                    arg,
                    ..
                } => slot_of(arg).is_some_and(|s| mapped.contains(&s)),
                _ => false,
            };
            if reload {
                roots.extend(dfg.inst_results(inst).iter().copied());
            }
        }
    }
    let addrs = stack_addresses(func, &roots);
    let live = live_across_calls(func, &addrs);
    let mut bad: Vec<_> = live.into_iter().collect();
    bad.sort();
    match bad.first() {
        None => Ok(()),
        Some((inst, vals)) => Err(Error::Function(format!(
            "internal error: stack addresses {vals:?} stay in registers across {}",
            dfg.display_inst(*inst)
        ))),
    }
}

/// Optimizes `ctx.func` with Cranelift's optimizer (its egraph pass: GVN, LICM,
/// rewrites) and makes the result relocatable ([`make_relocatable`], checked with
/// [`check_relocatable`]); `pointers` are the indices of the parameters that are stack
/// addresses. Compile the function next (`ctx.compile`, or `Module::define_function`)
/// with the same `isa`, which must be an `opt_level=none` ISA
/// ([`crate::CodeKind::Relocatable`]): then compiling runs no optimization again, and
/// the code is the optimized code with the relocation pass applied.
pub fn optimize_relocatable(
    ctx: &mut Context,
    isa: &dyn TargetIsa,
    pointers: &[usize],
) -> Result<(), Error> {
    optimize(ctx, isa)?;
    make_relocatable(&mut ctx.func, pointers)?;
    check_relocatable(&ctx.func, pointers)
}

/// Runs Cranelift's optimizer on `ctx.func` with an `opt_level=none` ISA, as `opt_level=speed`
/// would when compiling.
fn optimize(ctx: &mut Context, isa: &dyn TargetIsa) -> Result<(), Error> {
    if isa.flags().opt_level() != OptLevel::None {
        return Err(Error::Isa(
            "relocatable code needs an opt_level=none ISA (CodeKind::Relocatable): compiling \
             must not optimize again after the relocation pass"
                .into(),
        ));
    }
    let mut ctrl = ControlPlane::default();
    ctx.optimize(isa, &mut ctrl)
        .map_err(|e| Error::Function(format!("optimizing: {e}")))?;
    ctx.egraph_pass(isa, &mut ctrl)
        .map_err(|e| Error::Function(format!("optimizing: {e}")))
}

/// Only optimizes `ctx.func`, as [`optimize_relocatable`] does, without making it
/// relocatable. **Unsound** for the copying strategy (stack addresses stay in registers
/// across calls): for tests that show the relocation pass is needed.
#[doc(hidden)]
pub fn optimize_without_relocation(ctx: &mut Context, isa: &dyn TargetIsa) -> Result<(), Error> {
    optimize(ctx, isa)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{isa, CodeKind};
    use cranelift_codegen::ir::Block;

    fn parse(text: &str) -> Function {
        cranelift_reader::parse_functions(text)
            .expect("valid CLIF")
            .remove(0)
    }

    /// The function optimized without the pass (what the hazard looks like), and with it;
    /// both compile.
    fn both(text: &str, pointers: &[usize]) -> (Function, Function) {
        let isa = isa(None, CodeKind::Relocatable).unwrap();
        let mut plain = Context::for_function(parse(text));
        optimize_without_relocation(&mut plain, &*isa).unwrap();
        // The pass on optimized code, as `optimize_relocatable` does.
        let mut reloc = Context::for_function(parse(text));
        optimize_without_relocation(&mut reloc, &*isa).unwrap();
        make_relocatable(&mut reloc.func, pointers).unwrap();
        check_relocatable(&reloc.func, pointers).unwrap();
        let (a, b) = (plain.func.clone(), reloc.func.clone());
        for mut ctx in [plain, reloc] {
            ctx.compile(&*isa, &mut ControlPlane::default()).unwrap();
        }
        (a, b)
    }

    /// The calls of `block` and the instructions after the first one.
    fn after_call(f: &Function, block: Block) -> Vec<Inst> {
        let insts: Vec<Inst> = f.layout.block_insts(block).collect();
        let first = insts
            .iter()
            .position(|&i| f.dfg.insts[i].opcode().is_safepoint())
            .expect("a call");
        insts[first + 1..].to_vec()
    }

    fn opcodes(f: &Function, insts: &[Inst]) -> Vec<Opcode> {
        insts.iter().map(|&i| f.dfg.insts[i].opcode()).collect()
    }

    fn block(n: u32) -> Block {
        Block::from_u32(n)
    }

    /// (a) An element address (`stack_addr` + 8) defined before a loop and used after the
    /// call in every iteration: the optimizer leaves it in a register across the call;
    /// the pass recomputes it after the call instead.
    #[test]
    fn derived_address_live_across_a_call_in_a_loop() {
        let text = "
            function u0:0(i64) tail {
                ss0 = explicit_slot 64
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64):
                v1 = stack_addr.i64 ss0
                v2 = iconst.i64 8
                v3 = iadd v1, v2
                jump block1(v0)
            block1(v4: i64):
                call fn0(v4)
                store v4, v3
                v5 = iconst.i64 1
                v6 = isub v4, v5
                brif v6, block1(v6), block2
            block2:
                return
            }";
        let (plain, reloc) = both(text, &[]);
        assert!(
            check_relocatable(&plain, &[]).is_err(),
            "{}",
            plain.display()
        );
        check_relocatable(&reloc, &[]).unwrap();
        let after = after_call(&reloc, block(1));
        let ops = opcodes(&reloc, &after);
        assert!(ops.contains(&Opcode::StackAddr), "{}", reloc.display());
        // The store's address is computed after the call from a fresh `stack_addr`.
        let store = after[ops.iter().position(|&o| o == Opcode::Store).unwrap()];
        let addr = reloc.dfg.inst_args(store)[1];
        let ValueDef::Result(def, _) = reloc.dfg.value_def(addr) else {
            panic!()
        };
        assert!(after.contains(&def), "{}", reloc.display());
        // Nothing needs a stack map: the address was recomputed, not spilled.
        assert!(reloc.sized_stack_slots.len() == 1, "{}", reloc.display());
    }

    /// The frame pointer is a stack address too (an argument passed in the caller's
    /// frame is read at `fp + off`): the optimizer merges the `get_frame_pointer` after
    /// the call with the one before it, leaving the old frame pointer in a register across
    /// the call; the pass reads the frame pointer again after the call. (Found by the
    /// differential fuzzer: `tests/programs/reloc_opt_results.go`.)
    #[test]
    fn frame_pointer_live_across_a_call() {
        let text = "
            function u0:0(i64) tail {
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64):
                v1 = get_frame_pointer.i64
                v10 = iconst.i64 16
                v2 = iadd v1, v10
                v3 = load.i64 v2
                call fn0(v3)
                v4 = get_frame_pointer.i64
                v11 = iconst.i64 24
                v5 = iadd v4, v11
                store v0, v5
                return
            }";
        let (plain, reloc) = both(text, &[]);
        assert!(
            check_relocatable(&plain, &[]).is_err(),
            "{}",
            plain.display()
        );
        check_relocatable(&reloc, &[]).unwrap();
        let after = after_call(&reloc, block(0));
        let ops = opcodes(&reloc, &after);
        assert!(
            ops.contains(&Opcode::GetFramePointer),
            "{}",
            reloc.display()
        );
    }

    /// A pointer parameter, and an address computed from it, live across a call in a
    /// loop: spilled, listed in the call's stack map, reloaded after it.
    #[test]
    fn pointer_parameter_live_across_a_call_in_a_loop() {
        let text = "
            function u0:0(i64, i64) tail {
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64, v1: i64):
                v2 = iconst.i64 8
                v3 = iadd v0, v2
                jump block1(v1)
            block1(v4: i64):
                call fn0(v4)
                store v4, v3
                v5 = iconst.i64 1
                v6 = isub v4, v5
                brif v6, block1(v6), block2
            block2:
                return
            }";
        let (plain, reloc) = both(text, &[0]);
        assert!(check_relocatable(&plain, &[0]).is_err());
        check_relocatable(&reloc, &[0]).unwrap();
        assert_spilled_across_call(&reloc, block(1));
    }

    /// The call in `block` has a stack map entry, and a value loaded from that slot
    /// after the call is used.
    fn assert_spilled_across_call(f: &Function, block: Block) {
        let call = f
            .layout
            .block_insts(block)
            .find(|&i| f.dfg.insts[i].opcode().is_safepoint())
            .unwrap();
        let slots: Vec<_> = f
            .dfg
            .user_stack_map_entries(call)
            .unwrap_or(&[])
            .iter()
            .map(|e| e.slot)
            .collect();
        assert!(!slots.is_empty(), "{}", f.display());
        let reloads = after_call(f, block).into_iter().any(|i| {
            f.dfg.insts[i].opcode() == Opcode::Load
                && match f.dfg.value_def(f.dfg.inst_args(i)[0]) {
                    ValueDef::Result(d, _) => matches!(
                        f.dfg.insts[d],
                        InstructionData::StackAddr { stack_slot, .. } if slots.contains(&stack_slot)
                    ),
                    _ => false,
                }
        });
        assert!(reloads, "{}", f.display());
    }

    /// (b) A stack address flowing through a block parameter (a pointer parameter or a
    /// local's address, as `p := &x; if c { p = q }`) and used after a call: spilled and
    /// reloaded.
    #[test]
    fn address_through_a_block_parameter() {
        let text = "
            function u0:0(i64, i64) -> i64 tail {
                ss0 = explicit_slot 16
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64, v1: i64):
                v2 = stack_addr.i64 ss0
                brif v1, block1(v0), block1(v2)
            block1(v3: i64):
                call fn0(v1)
                v4 = load.i64 v3
                return v4
            }";
        let (plain, reloc) = both(text, &[0]);
        assert!(check_relocatable(&plain, &[0]).is_err());
        check_relocatable(&reloc, &[0]).unwrap();
        assert_spilled_across_call(&reloc, block(1));
    }

    /// (c) An address computed inside a loop after its call, which the optimizer's LICM
    /// hoists out of the loop (so it is live across the call, in a register): the pass
    /// recomputes it after the call again.
    #[test]
    fn address_hoisted_out_of_a_loop_with_a_call() {
        let text = "
            function u0:0(i64) tail {
                ss0 = explicit_slot 64
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64):
                jump block1(v0)
            block1(v1: i64):
                call fn0(v1)
                v2 = stack_addr.i64 ss0
                v3 = iconst.i64 16
                v4 = iadd v2, v3
                store v1, v4
                v5 = iconst.i64 1
                v6 = isub v1, v5
                brif v6, block1(v6), block2
            block2:
                return
            }";
        let (plain, reloc) = both(text, &[]);
        // Hoisted: without the pass the loop computes no address after its call.
        let loop_block = |f: &Function| {
            f.layout
                .blocks()
                .find(|&b| {
                    f.layout
                        .block_insts(b)
                        .any(|i| f.dfg.insts[i].opcode().is_safepoint())
                })
                .unwrap()
        };
        let hoisted = opcodes(&plain, &after_call(&plain, loop_block(&plain)));
        assert!(!hoisted.contains(&Opcode::StackAddr), "{}", plain.display());
        assert!(
            check_relocatable(&plain, &[]).is_err(),
            "{}",
            plain.display()
        );
        check_relocatable(&reloc, &[]).unwrap();
        let ops = opcodes(&reloc, &after_call(&reloc, loop_block(&reloc)));
        assert!(ops.contains(&Opcode::StackAddr), "{}", reloc.display());
    }

    /// A function whose stack addresses are not live across any call is the optimized
    /// code, unchanged.
    #[test]
    fn nothing_live_across_a_call_is_left_alone() {
        let text = "
            function u0:0(i64) -> i64 tail {
                ss0 = explicit_slot 16
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64):
                v1 = stack_addr.i64 ss0
                store v0, v1
                v2 = load.i64 v1
                call fn0(v2)
                return v2
            }";
        let (plain, reloc) = both(text, &[]);
        assert_eq!(plain.display().to_string(), reloc.display().to_string());
        check_relocatable(&reloc, &[]).unwrap();
    }

    /// A pointer parameter used before a call and after it: stored once at entry, kept
    /// in its register before the call (in the next block too), reloaded after it.
    #[test]
    fn uses_before_any_call_keep_the_value() {
        let text = "
            function u0:0(i64, i64) -> i64 tail {
                sig0 = (i64) tail
                fn0 = colocated u0:1 sig0
            block0(v0: i64, v1: i64):
                brif v1, block1, block2
            block1:
                v2 = load.i64 v0
                call fn0(v2)
                v3 = load.i64 v0
                return v3
            block2:
                return v1
            }";
        let (_, reloc) = both(text, &[0]);
        check_relocatable(&reloc, &[0]).unwrap();
        let p = reloc.dfg.block_params(reloc.layout.entry_block().unwrap())[0];
        let loads: Vec<Inst> = reloc
            .layout
            .blocks()
            .flat_map(|b| reloc.layout.block_insts(b))
            .filter(|&i| reloc.dfg.insts[i].opcode() == Opcode::Load)
            .collect();
        // The first load (before the call) reads through the parameter itself.
        let first_user = loads
            .iter()
            .find(|&&i| reloc.dfg.inst_args(i)[0] == p)
            .expect("the parameter used directly before the call");
        let call_block = reloc.layout.inst_block(*first_user).unwrap();
        assert_spilled_across_call(&reloc, call_block);
    }

    /// A pointer index that does not exist is an error, not a panic; so is an ISA that
    /// would optimize again.
    #[test]
    fn bad_input_is_an_error() {
        let text = "
            function u0:0(i64) tail {
            block0(v0: i64):
                return
            }";
        let mut f = parse(text);
        assert!(make_relocatable(&mut f, &[3]).is_err());
        let speed = isa(None, CodeKind::Optimized).unwrap();
        let mut ctx = Context::for_function(parse(text));
        assert!(optimize_relocatable(&mut ctx, &*speed, &[]).is_err());
    }
}

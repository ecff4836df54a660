//! Memory (layout: see the module docs of `codegen`): the packed frame slot that holds
//! the locals in memory and the statements' temporaries ([`Packed`]), where a local
//! lives and the places of variables, elements and pointer targets, loads and stores of
//! values, result-area words, and the block operations on arrays (copy, zeroing, `==`)
//! by [`chunks`].

use super::{analysis, indexed_array, mf, Lower, Place, Store, I64};
use crate::check::hir::*;
use crate::codegen::{type_align, type_size, CodegenError};
use cranelift_codegen::ir::{
    self, condcodes::IntCC, types, BlockArg, InstBuilder, MemFlagsData, StackSlot, StackSlotData,
    StackSlotKind, Value,
};
use cranelift_frontend::Variable;
use std::collections::HashMap;

/// Array zeroing and copying are fully unrolled (16-byte chunks) up to this many bytes.
const UNROLL_BYTES: u64 = 512;

/// Larger blocks are handled by a loop over groups of this many bytes.
const LOOP_BYTES: u64 = 128;

/// Array `==` is fully unrolled (8-byte words) up to this many bytes; larger arrays are
/// compared by a loop over words that stops at the first difference.
const EQ_UNROLL_BYTES: u64 = 64;

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

/// Objects packed into one stack slot (created on first use, sized when the function is
/// complete: a slot's size only matters then). One slot instead of one per object:
/// Cranelift rounds every slot up to 8 bytes (`bool` arrays are often smaller), and
/// optimized code computes every address from the slot's one base address, which stays
/// in a register, rather than keeping the address of every object alive.
#[derive(Default)]
pub(super) struct Packed {
    slot: Option<StackSlot>,
    /// End of the objects placed so far (locals and live temporaries).
    pub(super) top: u64,
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

impl<'a, 'b> Lower<'a, 'b> {
    /// Places an object of `size` bytes in the frame's slot, aligned as [`object_align`]
    /// says: a local for the rest of the function (`temp` false) or a temporary until
    /// the current statement ends; returns its offset.
    pub(super) fn alloc(&mut self, temp: bool, size: u64, pos: Pos) -> Result<u64, CodegenError> {
        if size > crate::codegen::MAX_OBJECT {
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
    pub(super) fn packed_addr(&mut self, off: u64) -> Value {
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
    pub(super) fn finish_slots(&mut self) {
        if let Some(slot) = self.frame.slot {
            self.b.func.sized_stack_slots[slot].size = self.frame.size as u32;
        }
    }

    /// The address of a temporary of `size` bytes, alive until the end of the statement
    /// being lowered (see [`Lower::frame`]).
    pub(super) fn temp(&mut self, size: u64, pos: Pos) -> Result<Value, CodegenError> {
        let off = self.alloc(true, size, pos)?;
        Ok(self.packed_addr(off))
    }

    /// The temporaries taken since `mark` (an earlier `frame.top`) are free again.
    pub(super) fn release_temps(&mut self, mark: u64) {
        self.frame.top = mark.max(self.frame.floor);
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

    /// The address of local `id` (`None` for a register variable or scalars).
    pub(super) fn local_addr(&mut self, id: LocalId) -> Result<Option<Value>, CodegenError> {
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
    pub(super) fn scalar_element(&self, e: &Expr) -> Option<Variable> {
        let (id, flat) = analysis::const_element(e)?;
        if !self.facts.is_scalarized(id) {
            return None;
        }
        self.scalars[id.0 as usize].get(&flat).copied()
    }

    /// When `e` is an element of an array replaced by scalars at a constant index out of
    /// range: panics (Go's index panic, for the outermost bad index) and returns a
    /// variable for the unreachable code after it.
    pub(super) fn oob_element(&mut self, e: &Expr) -> Option<Variable> {
        let (id, c, n) = analysis::const_oob(e)?;
        if !self.facts.is_scalarized(id) {
            return None;
        }
        Some(self.const_index_panic(c, n))
    }

    pub(super) fn place(&mut self, e: &Expr) -> Result<Place, CodegenError> {
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

    pub(super) fn index_addr(&mut self, base: &Expr, idx: &Expr) -> Result<Value, CodegenError> {
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
        self.index_check(idx, i, len, &[]);
        let off = self.b.ins().imul_imm_s(i, esize);
        Ok(self.b.ins().iadd(addr, off))
    }

    pub(super) fn store_val(&mut self, place: Place, v: Value, ty: &Type) {
        match place {
            Place::Var(var) => {
                self.nil_forget(var);
                self.b.def_var(var, v)
            }
            Place::Mem(addr) => self.store_mem(addr, v, ty),
        }
    }

    pub(super) fn load_place(&mut self, place: Place, ty: &Type) -> Value {
        match place {
            Place::Var(var) => self.b.use_var(var),
            Place::Mem(addr) => self.load_mem(addr, ty),
        }
    }

    /// Stores `v` (an `i64`, or an array's address) as a value of `ty` at `addr`: a `bool`
    /// is truncated to its byte, an array is copied.
    pub(super) fn store_mem(&mut self, addr: Value, v: Value, ty: &Type) {
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
    pub(super) fn load_mem(&mut self, addr: Value, ty: &Type) -> Value {
        match ty {
            Type::Array(..) => addr,
            Type::Bool => self.b.ins().uload8(I64, mf(), addr, 0),
            _ => self.b.ins().load(I64, mf(), addr, 0),
        }
    }

    /// Stores result `v` of type `ty` into its place `addr` in a result area: a scalar as
    /// a whole `i64` word (also a `bool`: the entry trampoline reads words), an array in
    /// its memory layout.
    pub(super) fn store_result(&mut self, addr: Value, v: Value, ty: &Type) {
        if ty.is_array() {
            self.copy_block(addr, v, ty);
        } else {
            self.b.ins().store(mf(), v, addr, 0);
        }
    }

    /// Loads a result of type `ty` from its place `addr` in a result area (see
    /// [`Self::store_result`]).
    pub(super) fn load_result(&mut self, addr: Value, ty: &Type) -> Value {
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
    pub(super) fn copy_block(&mut self, dst: Value, src: Value, ty: &Type) {
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
    pub(super) fn zero_block(&mut self, dst: Value, ty: &Type) {
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
    pub(super) fn eq_block(&mut self, a: Value, bv: Value, ty: &Type) -> Value {
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

    pub(super) fn zero_local(&mut self, id: LocalId) -> Result<(), CodegenError> {
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
}

//! Lowering of expressions: [`Lower::eval`] (scalars as `i64` values, arrays as
//! addresses), operators (`&&`/`||` short-circuit, division and shift checks), the
//! hoisting of calls before a statement's other expressions ([`Lower::hoist`], gc's
//! `order`), conditions for branches, and array literals and array-valued expressions
//! evaluated straight into their destination ([`Lower::eval_into`]).

use super::{analysis, mf_stable, Lower, Place, Store, I64};
use crate::check::hir::*;
use crate::codegen::{type_size, CodegenError};
use cranelift_codegen::ir::{condcodes::IntCC, BlockArg, InstBuilder, Value};

impl<'a, 'b> Lower<'a, 'b> {
    pub(super) fn hoist(&mut self, e: &Expr) -> Result<(), CodegenError> {
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
            // Receives and `NumGoroutine` are ordered with the calls (they may switch
            // goroutines, or see what the calls did).
            ExprKind::Recv(x) => {
                self.hoist(x)?;
                let (v, _) = self.recv(x)?;
                self.hoisted.insert(e as *const Expr, v);
            }
            ExprKind::NumGoroutine => {
                let v = self.num_goroutine();
                self.hoisted.insert(e as *const Expr, v);
            }
            ExprKind::MakeChan(cap) => {
                if let Some(c) = cap {
                    self.hoist(c)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn hoist_all<'e>(
        &mut self,
        es: impl IntoIterator<Item = &'e Expr>,
    ) -> Result<(), CodegenError> {
        for e in es {
            self.hoist(e)?;
        }
        Ok(())
    }

    /// Whether global `g` keeps its value while the function being compiled runs (it
    /// assigns `g` nowhere, nor does any function it calls).
    fn stable_global(&self, g: GlobalId) -> bool {
        !self.layout.globals_written[self.root.0 as usize][g.0 as usize]
    }

    fn bool_val(&mut self, c: Value) -> Value {
        self.b.ins().uextend(I64, c)
    }

    /// Evaluates `e`: an `i64` for scalars, the address of the value for arrays (which may
    /// alias the variable it came from; see [`super::is_fresh`]).
    pub(super) fn eval(&mut self, e: &Expr) -> Result<Value, CodegenError> {
        Ok(match &e.kind {
            ExprKind::Recv(x) => match self.hoisted.remove(&(e as *const Expr)) {
                Some(v) => v,
                None => self.recv(x)?.0,
            },
            ExprKind::NumGoroutine => match self.hoisted.remove(&(e as *const Expr)) {
                Some(v) => v,
                None => self.num_goroutine(),
            },
            ExprKind::MakeChan(cap) => self.make_chan(cap.as_deref())?,
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
    pub(super) fn build_literal(
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
    pub(super) fn single_array_result(&self, f: FuncId) -> bool {
        matches!(&self.prog.funcs[f.0 as usize].results[..], [t] if t.is_array())
    }

    /// Hoists the calls of array expression `e` as [`Self::eval_into`] needs them: a call
    /// whose result area is the destination is not hoisted itself (its arguments are).
    pub(super) fn hoist_into(&mut self, e: &Expr) -> Result<(), CodegenError> {
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
    pub(super) fn eval_into(&mut self, dst: Value, e: &Expr) -> Result<(), CodegenError> {
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

    /// A condition as a value usable by `brif` (nonzero = true).
    pub(super) fn cond(&mut self, e: &Expr) -> Result<Value, CodegenError> {
        if let ExprKind::Unary(UnOp::Not, x) = &e.kind {
            // `!x` branches on `x == 0` (a test of the loaded byte, not an `xor`).
            let v = self.cond(x)?;
            return Ok(self.b.ins().icmp_imm_s(IntCC::Equal, v, 0));
        }
        if let ExprKind::Binary(op, l, r) = &e.kind {
            if let Some(v) = self.rem_pow2_test(*op, l, r)? {
                return Ok(v);
            }
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

    pub(super) fn binary(
        &mut self,
        op: BinOp,
        l: &Expr,
        r: &Expr,
        pos: Pos,
    ) -> Result<Value, CodegenError> {
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
            let mark = self.known.len();
            self.hoist(r)?;
            let rv = self.eval(r)?;
            self.known.truncate(mark);
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
        if let Some(c) = self.rem_pow2_test(op, l, r)? {
            return Ok(self.bool_val(c));
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
                // `x*3`, `x*5`, `x*9` (or `3*x`, ...) as `x + x<<k`: one `lea` on x86-64,
                // one `add` with a shifted operand on AArch64, instead of a multiplication
                // (as gc does).
                let (v, c) = match (&l.kind, rc) {
                    (_, Some(c)) => (x, c),
                    (ExprKind::Const(c), _) => (y, *c),
                    _ => (x, 0),
                };
                if matches!(c, 3 | 5 | 9) {
                    let s = self
                        .b
                        .ins()
                        .ishl_imm_s(v, i64::from((c - 1).trailing_zeros()));
                    self.b.ins().iadd(v, s)
                } else {
                    self.b.ins().imul(x, y)
                }
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
                    // An exact quotient by a power of two (a test showed `l` to be a
                    // multiple of it): an arithmetic shift.
                    Some(c) if div && self.exact_shift(l, c).is_some() => {
                        let k = self.exact_shift(l, c).expect("exact");
                        self.b.ins().sshr_imm_s(x, k)
                    }
                    // A power of two dividing an operand known to be non-negative: a
                    // shift or a mask (no sign correction needed, as gc's prove pass finds).
                    Some(c)
                        if c > 0
                            && (c as u64).is_power_of_two()
                            && analysis::value_range(l, &self.ranges).is_some_and(|r| r.0 >= 0) =>
                    {
                        if div {
                            self.b.ins().sshr_imm_s(x, i64::from(c.trailing_zeros()))
                        } else {
                            self.b.ins().band_imm_s(x, c - 1)
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

    /// For `x % c == 0` and `x % c != 0` (or `0 == x % c`, ...) with `c` a power of two
    /// or its negation: `x & (|c|-1)` compared with 0, as gc rewrites it. Go's remainder
    /// is zero exactly when those low bits are, whatever the sign of `x` (`c` =
    /// `math.MinInt64` too), so the division's sign correction is not needed. `None`
    /// for any other comparison.
    fn rem_pow2_test(
        &mut self,
        op: BinOp,
        l: &Expr,
        r: &Expr,
    ) -> Result<Option<Value>, CodegenError> {
        let cc = match op {
            BinOp::Eq => IntCC::Equal,
            BinOp::Ne => IntCC::NotEqual,
            _ => return Ok(None),
        };
        let (x, c) = match (&l.kind, &r.kind) {
            (ExprKind::Binary(BinOp::Rem, x, c), ExprKind::Const(0))
            | (ExprKind::Const(0), ExprKind::Binary(BinOp::Rem, x, c)) => (x, c),
            _ => return Ok(None),
        };
        let ExprKind::Const(c) = c.kind else {
            return Ok(None);
        };
        if !c.unsigned_abs().is_power_of_two() {
            return Ok(None);
        }
        let v = self.eval(x)?;
        let low = self.b.ins().band_imm_s(v, (c.unsigned_abs() - 1) as i64);
        Ok(Some(self.b.ins().icmp_imm_s(cc, low, 0)))
    }

    /// `old op r` where `old` is already evaluated (for `x op= r`).
    pub(super) fn binary_with_left(
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

//! Run-time checks and panics: nil checks (and the nil checks already made on every
//! path, Go's nilcheckelim), bounds checks, constant indices out of range, and the
//! calls of `host::panic` in cold blocks.

use super::{mf, Known, Lower, Store, I64};
use crate::check::hir::*;
use cranelift_codegen::ir::{condcodes::IntCC, InstBuilder, TrapCode, Value};
use cranelift_frontend::Variable;

impl<'a, 'b> Lower<'a, 'b> {
    /// Calls `host::panic(code, b, c)` and ends the block (never returns). The operands go
    /// through the context ([`morestack_runtime::Context::panic_ops`]), not argument
    /// registers: an index a loop keeps in a register would otherwise be asked for in the
    /// argument register here, and the register allocator met that request by moving it
    /// between registers on every iteration of the loop.
    pub(super) fn panic_now(&mut self, code: i64, bv: Value, c: Value) {
        let ctx = self.b.ins().get_pinned_reg(I64);
        let ops = morestack_runtime::offsets::PANIC_OPS;
        self.b.ins().store(mf(), bv, ctx, ops);
        self.b.ins().store(mf(), c, ctx, ops + 8);
        let codev = self.b.ins().iconst(
            I64,
            code | morestack_runtime::panic_code::OPERANDS_IN_CONTEXT,
        );
        let zero = self.b.ins().iconst(I64, 0);
        self.host_call(self.host.panic, codev, zero, zero);
        self.b.ins().trap(TrapCode::unwrap_user(2));
    }

    /// If `cond` is nonzero, panics with `code` (in a cold block).
    pub(super) fn panic_if(&mut self, cond: Value, code: i64, bv: Option<Value>, c: Option<Value>) {
        let cold = self.b.create_block();
        self.b.set_cold_block(cold);
        let cont = self.b.create_block();
        self.b.ins().brif(cond, cold, &[], cont, &[]);
        self.b.switch_to_block(cold);
        let zero = self.b.ins().iconst(I64, 0);
        self.panic_now(code, bv.unwrap_or(zero), c.unwrap_or(zero));
        self.b.switch_to_block(cont);
    }

    pub(super) fn nil_check(&mut self, p: Value) {
        let z = self.b.ins().icmp_imm_s(IntCC::Equal, p, 0);
        self.panic_if(z, morestack_runtime::panic_code::NIL, None, None);
    }

    /// Nil check of `p`, the value of pointer expression `e`, unless `e` is a register
    /// variable already checked on every path here (and not assigned since).
    pub(super) fn nil_check_of(&mut self, e: &Expr, p: Value) {
        if let ExprKind::Local(id) = e.kind {
            if let Store::Var(var) = self.locals[id.0 as usize] {
                if self.known.contains(&Some((id, var, Known::NonNil))) {
                    return;
                }
                self.nil_check(p);
                self.known.push(Some((id, var, Known::NonNil)));
                return;
            }
        }
        self.nil_check(p);
    }

    /// An assignment to `var`: forget that it was checked.
    pub(super) fn nil_forget(&mut self, var: Variable) {
        for x in &mut self.known {
            if x.is_some_and(|(_, v, _)| v == var) {
                *x = None;
            }
        }
    }

    /// After a branch on `c`, in the block where `c` was `taken`: records that the
    /// register variable `x` is a multiple of `2^k` when `c` is `x % ±2^k == 0` and was
    /// true (or `!=` and false).
    pub(super) fn learn(&mut self, c: &Expr, taken: bool) {
        let ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), l, r) = &c.kind else {
            return;
        };
        if (*op == BinOp::Eq) != taken {
            return;
        }
        let ((ExprKind::Binary(BinOp::Rem, x, d), ExprKind::Const(0))
        | (ExprKind::Const(0), ExprKind::Binary(BinOp::Rem, x, d))) = (&l.kind, &r.kind)
        else {
            return;
        };
        let (ExprKind::Local(id), ExprKind::Const(d)) = (&x.kind, &d.kind) else {
            return;
        };
        if let (Store::Var(var), true) = (
            self.locals[id.0 as usize],
            d.unsigned_abs().is_power_of_two(),
        ) {
            let k = d.unsigned_abs().trailing_zeros();
            if k > 0 {
                self.known.push(Some((*id, var, Known::Pow2(k))));
            }
        }
    }

    /// For `x / c` with `c = 2^k` (k > 0) and `x` a register variable known to be a
    /// multiple of `c` here: `k` (the quotient is exact, `x >> k`, with no rounding
    /// toward zero to correct).
    pub(super) fn exact_shift(&self, x: &Expr, c: i64) -> Option<i64> {
        let ExprKind::Local(id) = x.kind else {
            return None;
        };
        let Store::Var(var) = self.locals[id.0 as usize] else {
            return None;
        };
        if c <= 1 || !(c as u64).is_power_of_two() {
            return None;
        }
        let k = c.trailing_zeros();
        self.known
            .iter()
            .flatten()
            .any(|&(i, v, f)| i == id && v == var && matches!(f, Known::Pow2(m) if m >= k))
            .then_some(i64::from(k))
    }

    /// The index panic of constant index `c` out of range of length `n`; returns a
    /// variable for the unreachable code after it.
    pub(super) fn const_index_panic(&mut self, c: i64, n: u64) -> Variable {
        let cv = self.b.ins().iconst(I64, c);
        let nv = self.b.ins().iconst(I64, n as i64);
        self.panic_now(morestack_runtime::panic_code::INDEX, cv, nv);
        self.dead_block();
        let v = self.b.declare_var(I64);
        let z = self.b.ins().iconst(I64, 0);
        self.b.def_var(v, z);
        v
    }

    /// The bounds check of `i`, the value of index expression `idx`, against `len`,
    /// unless `idx` is a register variable that already passed a check against a length
    /// at most `len` on every path here (and was not assigned since: `stored` lists the
    /// locals assigned since `i` was read). A check made is remembered.
    pub(super) fn index_check(&mut self, idx: &Expr, i: Value, len: u64, stored: &[LocalId]) {
        if let ExprKind::Local(id) = idx.kind {
            if let (Store::Var(var), false) = (self.locals[id.0 as usize], stored.contains(&id)) {
                let known = self.known.iter().flatten().any(|&(k, v, f)| {
                    k == id && v == var && matches!(f, Known::InBounds(n) if n <= len)
                });
                if known {
                    return;
                }
                self.bounds_check(i, len);
                self.known.push(Some((id, var, Known::InBounds(len))));
                return;
            }
        }
        self.bounds_check(i, len);
    }

    /// Panics (Go's index panic) unless `0 <= i < len`.
    pub(super) fn bounds_check(&mut self, i: Value, len: u64) {
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
}

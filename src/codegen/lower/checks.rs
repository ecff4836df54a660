//! Run-time checks and panics: nil checks (and the nil checks already made on every
//! path, Go's nilcheckelim), bounds checks, constant indices out of range, and the
//! calls of `host::panic` in cold blocks.

use super::{Lower, Store, I64};
use crate::check::hir::*;
use cranelift_codegen::ir::{condcodes::IntCC, InstBuilder, TrapCode, Value};
use cranelift_frontend::Variable;

impl<'a, 'b> Lower<'a, 'b> {
    /// Calls `host::panic(code, b, c)` and ends the block (never returns).
    pub(super) fn panic_now(&mut self, code: i64, bv: Value, c: Value) {
        let codev = self.b.ins().iconst(I64, code);
        self.host_call(self.host.panic, codev, bv, c);
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
    pub(super) fn nil_forget(&mut self, var: Variable) {
        for x in &mut self.nil_ok {
            if x.is_some_and(|(_, v)| v == var) {
                *x = None;
            }
        }
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

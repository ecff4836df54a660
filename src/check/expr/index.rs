//! Indexing (`a[i]`, `p[i]` through a pointer to an array, constant indices checked
//! against the length) and taking addresses (`&x`: the pointer rules, only locals, no
//! pointers to pointers).

use super::{addressable, expr_string, unparen, Op};
use crate::check::consts::CV;
use crate::check::hir::{self, ExprKind, Pos, Type};
use crate::check::{Checker, Ty};
use crate::syntax::ast;
use num_bigint::BigInt;
use num_traits::Signed;

impl<'a> Checker<'a> {
    pub(super) fn addr_of(&mut self, e: &'a ast::Expr, x: &'a ast::Expr) -> Op<'a> {
        let inner = unparen(x);
        if let ast::ExprKind::Composite { .. } = inner.kind {
            self.err(
                e.pos,
                "taking the address of a composite literal is not supported (there is no heap)",
            );
            return Op::invalid(e.pos);
        }
        let o = self.value(x);
        if o.is_invalid() {
            return o;
        }
        let h = o.clone().hir();
        if !matches!(o.ty, Ty::T(_)) || o.cv.is_some() || !addressable(&h) {
            let d = self.describe(&o);
            self.err(
                o.pos,
                format!("invalid operation: cannot take address of {d}"),
            );
            return Op::invalid(e.pos);
        }
        // Find the root variable.
        let mut root = &h;
        loop {
            match &root.kind {
                ExprKind::Index(b, _) if !b.ty.is_pointer() => root = b,
                _ => break,
            }
        }
        match &root.kind {
            ExprKind::Global(_) => {
                self.err(e.pos, "taking the address of a package-level variable is not supported (pointers may only point into the stack)");
                return Op::invalid(e.pos);
            }
            ExprKind::Local(id) => self.f.locals[id.0 as usize].addr_taken = true,
            _ => {}
        }
        if h.ty.is_pointer() {
            self.err(e.pos, "pointers to pointers are not supported (a pointer may only live in a local variable or parameter)");
            return Op::invalid(e.pos);
        }
        if h.ty.is_chan() {
            self.err(e.pos, "pointers to channels are not supported (channels may only live in locals and parameters)");
            return Op::invalid(e.pos);
        }
        let t = Type::Pointer(Box::new(h.ty.clone()));
        let mut r = Op::new(Ty::T(t), ExprKind::AddrOf(Box::new(h)), e);
        r.has_call = o.has_call;
        r
    }

    pub(super) fn index(
        &mut self,
        e: &'a ast::Expr,
        b: &'a ast::Expr,
        i: &'a ast::Expr,
        lbrack: Pos,
    ) -> Op<'a> {
        let base = self.value(b);
        let idx = self.value(i);
        let mut idx_call = false;
        if base.is_invalid() {
            return Op::invalid(e.pos);
        }
        let (n, elem, var) = match &base.ty {
            Ty::T(Type::Array(n, el)) => (*n, (**el).clone(), base.var),
            Ty::T(Type::Pointer(t)) => match &**t {
                Type::Array(n, el) => (*n, (**el).clone(), true),
                _ => {
                    let d = self.describe(&base);
                    self.err(lbrack, format!("invalid operation: cannot index {d}"));
                    return Op::invalid(e.pos);
                }
            },
            _ => {
                let d = self.describe(&base);
                self.err(lbrack, format!("invalid operation: cannot index {d}"));
                return Op::invalid(e.pos);
            }
        };
        if idx.is_invalid() {
            return Op::invalid(e.pos);
        }
        let ih = match (&idx.ty, &idx.cv) {
            (Ty::UntypedInt | Ty::T(Type::Int), Some(CV::Int(v))) => {
                if v.is_negative() {
                    let d = self.describe(&Op {
                        ty: Ty::T(Type::Int),
                        ..idx.clone()
                    });
                    self.err(
                        idx.pos,
                        format!("invalid argument: index {d} must not be negative"),
                    );
                    return Op::invalid(e.pos);
                }
                if *v >= BigInt::from(n) {
                    let s = expr_string(i);
                    self.err(
                        idx.pos,
                        format!("invalid argument: index {s} out of bounds [0:{n}]"),
                    );
                    return Op::invalid(e.pos);
                }
                hir::Expr {
                    kind: ExprKind::Const(CV::Int(v.clone()).to_i64().unwrap()),
                    ty: Type::Int,
                    pos: idx.pos,
                }
            }
            (Ty::T(Type::Int), None) => {
                idx_call = idx.has_call;
                idx.hir()
            }
            _ => {
                let d = self.describe(&idx);
                self.err(
                    idx.pos,
                    format!("invalid argument: index {d} must be integer"),
                );
                return Op::invalid(e.pos);
            }
        };
        let has_call = base.has_call || idx_call;
        let mut r = Op::new(
            Ty::T(elem),
            ExprKind::Index(Box::new(base.hir()), Box::new(ih)),
            e,
        );
        r.var = var;
        r.has_call = has_call;
        r
    }
}

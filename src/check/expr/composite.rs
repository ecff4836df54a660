//! Array composite literals: `[N]T{...}` and `[...]T{...}`, keyed and elided elements,
//! indices checked against the length and for duplicates.

use super::{expr_string, Op};
use crate::check::consts::CV;
use crate::check::hir::{self, ExprKind, Pos, Type};
use crate::check::{show_type, Checker, Ty, TypeCtx};
use crate::syntax::ast;
use num_traits::Signed;

impl<'a> Checker<'a> {
    /// A composite literal; `elided` is the element type of an enclosing literal.
    pub(super) fn composite(
        &mut self,
        e: &'a ast::Expr,
        ty: &'a ast::TypeExpr,
        elems: &'a [(Option<(ast::Expr, Pos)>, ast::Expr)],
        elided: Option<&Type>,
    ) -> Op<'a> {
        let is_elided = matches!(ty, ast::TypeExpr::Unsupported(p) if *p == Pos::default());
        let (len, elem_t) = if is_elided {
            match elided {
                Some(Type::Array(n, el)) => (Some(*n), (**el).clone()),
                Some(t) => {
                    self.err(
                        e.pos,
                        format!("invalid composite literal type {}", show_type(t)),
                    );
                    return Op::invalid(e.pos);
                }
                None => {
                    self.err(e.pos, "invalid composite literal: missing type");
                    return Op::invalid(e.pos);
                }
            }
        } else {
            match ty {
                ast::TypeExpr::Array {
                    len: None, elem, ..
                } => {
                    let Some(t) = self.resolve_type_opt(elem, TypeCtx::Local, None) else {
                        return Op::invalid(e.pos);
                    };
                    if let Some(p) = crate::check::pointer_pos(elem) {
                        let _ = p;
                    }
                    (None, t)
                }
                ast::TypeExpr::Unsupported(_) => return Op::invalid(e.pos),
                _ => match self.resolve_type_opt(ty, TypeCtx::Local, None) {
                    Some(Type::Array(n, el)) => (Some(n), *el),
                    Some(t) => {
                        self.err(
                            e.pos,
                            format!("invalid composite literal type {}", show_type(&t)),
                        );
                        return Op::invalid(e.pos);
                    }
                    None => return Op::invalid(e.pos),
                },
            }
        };
        let mut out: Vec<(u64, hir::Expr)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut next: u64 = 0;
        let mut max: u64 = 0;
        let mut has_call = false;
        let mut bad = false;
        for (key, val) in elems {
            let mut index = next;
            if let Some((k, colon)) = key {
                let ko = self.value(k);
                match (&ko.ty, &ko.cv) {
                    (Ty::UntypedInt | Ty::T(Type::Int), Some(CV::Int(v))) => {
                        use num_traits::ToPrimitive;
                        if v.is_negative() {
                            let d = self.describe(&ko);
                            self.err(
                                ko.pos,
                                format!("invalid argument: index {d} must not be negative"),
                            );
                            bad = true;
                            continue;
                        }
                        match v.to_u64() {
                            Some(x) => index = x,
                            None => {
                                self.err(ko.pos, format!("index {v} is out of bounds"));
                                bad = true;
                                continue;
                            }
                        }
                    }
                    (Ty::Invalid, _) => {
                        bad = true;
                        continue;
                    }
                    _ => {
                        let s = expr_string(k);
                        self.err(*colon, format!("index {s} must be integer constant"));
                        bad = true;
                        continue;
                    }
                }
            }
            let pos_for_err = key.as_ref().map(|k| k.1).unwrap_or(val.pos);
            if let Some(n) = len {
                if index >= n {
                    if let Some((k, _)) = key {
                        let s = expr_string(k);
                        self.err(
                            k.pos,
                            format!("invalid argument: index {s} out of bounds [0:{n}]"),
                        );
                        bad = true;
                        continue;
                    }
                    self.err(
                        pos_for_err,
                        format!("index {index} is out of bounds (>= {n})"),
                    );
                    bad = true;
                    next = index + 1;
                    continue;
                }
            } else if index > (1u64 << 40) {
                self.err(pos_for_err, format!("index {index} is out of bounds"));
                bad = true;
                continue;
            }
            if !seen.insert(index) {
                self.err(
                    pos_for_err,
                    format!("duplicate index {index} in array or slice literal"),
                );
                bad = true;
            }
            next = index + 1;
            max = max.max(next);
            // The value.
            let v = match &val.kind {
                ast::ExprKind::Composite {
                    ty: vt, elems: ve, ..
                } if matches!(**vt, ast::TypeExpr::Unsupported(p) if p == Pos::default()) => {
                    self.composite(val, vt, ve, Some(&elem_t))
                }
                _ => self.expr(val),
            };
            has_call |= v.has_call;
            match self.assign_conv(v, &elem_t, "array or slice literal") {
                Some(h) => out.push((index, h)),
                None => bad = true,
            }
        }
        if bad {
            return Op::invalid(e.pos);
        }
        let n = len.unwrap_or(max);
        let t = Type::Array(n, Box::new(elem_t));
        let mut r = Op::new(Ty::T(t), ExprKind::ArrayLit(out), e);
        r.has_call = has_call;
        r
    }
}

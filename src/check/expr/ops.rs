//! Operators: unary operators and dereference, binary operators (operand types
//! matched, untyped operands converted, `&&`/`||` whose right side needs statements)
//! and shifts, with constant folding and Go's rules for constants that overflow.

use super::{expr_string, Op};
use crate::check::consts::{self, CV};
use crate::check::hir::{self, BinOp, ExprKind, Pos, Type, UnOp};
use crate::check::{Checker, Ty};
use crate::syntax::ast;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

fn binop(op: &str) -> BinOp {
    match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Rem,
        "&" => BinOp::And,
        "|" => BinOp::Or,
        "^" => BinOp::Xor,
        "&^" => BinOp::AndNot,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "&&" => BinOp::LogAnd,
        _ => BinOp::LogOr,
    }
}

/// The largest count of a constant shift Go accepts (go/types' `shiftBound`, 1023 - 1 + 52:
/// enough to express the smallest float64); a larger one is `invalid shift count`.
const SHIFT_BOUND: u64 = 1023 - 1 + 52;

impl<'a> Checker<'a> {
    pub(super) fn unary(&mut self, e: &'a ast::Expr, op: &'static str, x: &'a ast::Expr) -> Op<'a> {
        match op {
            "&" => return self.addr_of(e, x),
            "*" => {
                if self.is_type_expr(x) {
                    let s = expr_string(e);
                    self.err(e.pos, format!("{s} (type) is not an expression"));
                    return Op::invalid(e.pos);
                }
                let o = self.value(x);
                if o.is_invalid() {
                    return o;
                }
                return match &o.ty {
                    Ty::T(Type::Pointer(t)) => {
                        let t = (**t).clone();
                        let has_call = o.has_call;
                        let mut r = Op::new(Ty::T(t), ExprKind::Deref(Box::new(o.hir())), e);
                        r.var = true;
                        r.has_call = has_call;
                        r
                    }
                    Ty::UntypedNil => {
                        self.err(o.pos, "invalid operation: cannot indirect nil");
                        Op::invalid(e.pos)
                    }
                    _ => {
                        let d = self.describe(&o);
                        self.err(o.pos, format!("invalid operation: cannot indirect {d}"));
                        Op::invalid(e.pos)
                    }
                };
            }
            _ => {}
        }
        let o = self.value(x);
        if o.is_invalid() {
            return o;
        }
        let (want_bool, uop) = match op {
            "!" => (true, UnOp::Not),
            "-" => (false, UnOp::Neg),
            "^" => (false, UnOp::BitNot),
            _ => (false, UnOp::Neg), // "+"
        };
        let is_bool = matches!(o.ty, Ty::UntypedBool | Ty::T(Type::Bool));
        let is_int = matches!(o.ty, Ty::UntypedInt | Ty::T(Type::Int));
        if (want_bool && !is_bool) || (!want_bool && !is_int) {
            let d = self.describe(&o);
            self.err(
                o.pos,
                format!("invalid operation: operator {op} not defined on {d}"),
            );
            return Op::invalid(e.pos);
        }
        if let Some(cv) = &o.cv {
            let v = match cv {
                CV::Bool(b) => CV::Bool(!b),
                CV::Int(i) => CV::Int(match op {
                    "-" => -i,
                    "^" => -i - 1,
                    _ => i.clone(),
                }),
            };
            let r = Op::konst(o.ty.clone(), v, e);
            return self.check_typed_const(r);
        }
        let has_call = o.has_call;
        let mut r = if op == "+" {
            let mut r = o.clone();
            r.pos = e.pos;
            r.x = Some(e);
            r.var = false;
            r
        } else {
            Op::new(o.ty.clone(), ExprKind::Unary(uop, Box::new(o.hir())), e)
        };
        r.has_call = has_call;
        r
    }

    /// An untyped constant result too large for Go's 512-bit precision: Go's
    /// `constant OP overflow` at the operator (types2's `overflow`). Returns whether it
    /// reported one.
    fn const_op_overflow(&mut self, r: &Op<'a>, op: &str, op_pos: Pos) -> bool {
        let (Ty::UntypedInt, Some(CV::Int(v))) = (&r.ty, &r.cv) else {
            return false;
        };
        if !consts::too_big(v) {
            return false;
        }
        let name = match op {
            "+" => "addition ",
            "-" => "subtraction ",
            "*" => "multiplication ",
            "^" => "bitwise XOR ",
            "<<" => "shift ",
            _ => "",
        };
        self.err(op_pos, format!("constant {name}overflow"));
        true
    }

    /// A typed constant must be representable by its type.
    fn check_typed_const(&mut self, op: Op<'a>) -> Op<'a> {
        if let (Ty::T(Type::Int), Some(CV::Int(v))) = (&op.ty, &op.cv) {
            if !consts::fits_int(v) {
                let d = self.describe(&op);
                self.err(op.pos, format!("{d} overflows int"));
                return Op::invalid(op.pos);
            }
        }
        if let (Ty::UntypedInt, Some(CV::Int(v))) = (&op.ty, &op.cv) {
            if consts::too_big(v) {
                self.err(op.pos, "constant overflow (the value is too large)");
                return Op::invalid(op.pos);
            }
        }
        op
    }

    pub(super) fn binary(
        &mut self,
        e: &'a ast::Expr,
        op: &'static str,
        l: &'a ast::Expr,
        r: &'a ast::Expr,
        op_pos: Pos,
    ) -> Op<'a> {
        if op == "<<" || op == ">>" {
            return self.shift(e, op, l, r, op_pos);
        }
        let mut x = self.value(l);
        let (mut y, rpre) = if op == "&&" || op == "||" {
            let saved = std::mem::take(&mut self.f.pre);
            let y = self.value(r);
            let rpre = std::mem::replace(&mut self.f.pre, saved);
            (y, rpre)
        } else {
            (self.value(r), Vec::new())
        };
        if x.is_invalid() || y.is_invalid() {
            return Op::invalid(e.pos);
        }
        // Match the operand types.
        let untyped = |t: &Ty| matches!(t, Ty::UntypedInt | Ty::UntypedBool | Ty::UntypedNil);
        let ok = match (untyped(&x.ty), untyped(&y.ty)) {
            (true, true) => x.ty == y.ty,
            (true, false) => {
                let t = match &y.ty {
                    Ty::T(t) => t.clone(),
                    _ => unreachable!(),
                };
                if self.compatible_untyped(&x.ty, &t) {
                    if !self.convert_untyped(&mut x, &t) {
                        return Op::invalid(e.pos);
                    }
                    true
                } else {
                    false
                }
            }
            (false, true) => {
                let t = match &x.ty {
                    Ty::T(t) => t.clone(),
                    _ => unreachable!(),
                };
                if self.compatible_untyped(&y.ty, &t) {
                    if !self.convert_untyped(&mut y, &t) {
                        return Op::invalid(e.pos);
                    }
                    true
                } else {
                    false
                }
            }
            (false, false) => x.ty == y.ty,
        };
        let s = expr_string(e);
        let is_cmp = matches!(op, "==" | "!=" | "<" | "<=" | ">" | ">=");
        if !ok {
            // Go reports a comparison's mismatch at its right operand.
            self.err(
                if is_cmp { y.pos } else { e.pos },
                format!(
                    "invalid operation: {s} (mismatched types {} and {})",
                    x.ty.show(),
                    y.ty.show()
                ),
            );
            return Op::invalid(e.pos);
        }
        let t = x.ty.clone();
        // Is the operator defined on the type?
        let defined = match op {
            "==" | "!=" => !matches!(t, Ty::UntypedNil),
            "<" | "<=" | ">" | ">=" => matches!(t, Ty::UntypedInt | Ty::T(Type::Int)),
            "&&" | "||" => matches!(t, Ty::UntypedBool | Ty::T(Type::Bool)),
            _ => matches!(t, Ty::UntypedInt | Ty::T(Type::Int)),
        };
        if !defined {
            let what = match &t {
                Ty::T(Type::Pointer(_)) => "pointer".to_string(),
                Ty::T(Type::Array(..)) => "array".to_string(),
                Ty::T(Type::Chan(_)) => "chan".to_string(),
                Ty::UntypedNil => "nil".to_string(),
                _ => self.describe(&x),
            };
            self.err(
                e.pos,
                format!("invalid operation: operator {op} not defined on {what}"),
            );
            let _ = s;
            return Op::invalid(e.pos);
        }
        // Division by a constant zero.
        if (op == "/" || op == "%") && matches!(&y.cv, Some(CV::Int(v)) if v.is_zero()) {
            self.err(y.pos, "invalid operation: division by zero");
            return Op::invalid(e.pos);
        }
        // Constant folding.
        if let (Some(a), Some(b)) = (&x.cv, &y.cv) {
            let v = if is_cmp {
                CV::Bool(consts::compare(op, a, b))
            } else {
                match (a, b) {
                    (CV::Bool(p), CV::Bool(q)) => {
                        CV::Bool(if op == "&&" { *p && *q } else { *p || *q })
                    }
                    (CV::Int(p), CV::Int(q)) => match consts::int_binop(op, p, q) {
                        Ok(v) => CV::Int(v),
                        Err(m) => {
                            self.err(y.pos, m);
                            return Op::invalid(e.pos);
                        }
                    },
                    _ => return Op::invalid(e.pos),
                }
            };
            let rt = if is_cmp { Ty::UntypedBool } else { t };
            let r = Op::konst(rt, v, e);
            if self.const_op_overflow(&r, op, op_pos) {
                return Op::invalid(e.pos);
            }
            return self.check_typed_const(r);
        }
        // A non-constant: both operands must be typed now.
        let has_call = x.has_call || y.has_call;
        let mut xe = match self.default_conv(x, "") {
            Some(h) => h,
            None => return Op::invalid(e.pos),
        };
        let ye = match self.default_conv(y, "") {
            Some(h) => h,
            None => return Op::invalid(e.pos),
        };
        let rt = if is_cmp {
            Ty::UntypedBool
        } else {
            Ty::T(xe.ty.clone())
        };
        if !rpre.is_empty() {
            // The right operand of && / || needs statements: evaluate it only when needed.
            let b = self.temp(Type::Bool);
            let bx = |k: hir::Expr| hir::Expr {
                kind: ExprKind::Local(b),
                ty: Type::Bool,
                pos: k.pos,
            };
            let pos = xe.pos;
            self.f.pre.push(hir::Stmt::Assign(
                vec![Some(bx(xe.clone()))],
                vec![xe.clone()],
            ));
            let mut inner = rpre;
            inner.push(hir::Stmt::Assign(vec![Some(bx(ye.clone()))], vec![ye]));
            let cond = if op == "&&" {
                bx(xe.clone())
            } else {
                hir::Expr {
                    kind: ExprKind::Unary(UnOp::Not, Box::new(bx(xe.clone()))),
                    ty: Type::Bool,
                    pos,
                }
            };
            self.f.pre.push(hir::Stmt::If(cond, inner, Vec::new()));
            xe = bx(xe);
            let mut r = Op::new(rt, xe.kind, e);
            r.has_call = has_call;
            return r;
        }
        let mut r = Op::new(
            rt,
            ExprKind::Binary(binop(op), Box::new(xe), Box::new(ye)),
            e,
        );
        r.has_call = has_call;
        r
    }

    fn shift(
        &mut self,
        e: &'a ast::Expr,
        op: &'static str,
        l: &'a ast::Expr,
        r: &'a ast::Expr,
        op_pos: Pos,
    ) -> Op<'a> {
        let x = self.value(l);
        let y = self.value(r);
        if x.is_invalid() || y.is_invalid() {
            return Op::invalid(e.pos);
        }
        // The count: an integer (a constant must be non-negative).
        match (&y.ty, &y.cv) {
            (Ty::UntypedInt | Ty::T(Type::Int), Some(CV::Int(v))) if v.is_negative() => {
                let d = self.describe(&y);
                self.err(
                    y.pos,
                    format!("invalid operation: negative shift count {d}"),
                );
                return Op::invalid(e.pos);
            }
            // An untyped constant count must be representable by a `uint`.
            (Ty::UntypedInt, Some(CV::Int(v))) if v > &BigInt::from(u64::MAX) => {
                let d = self.describe(&y);
                self.err(y.pos, format!("{d} overflows uint"));
                return Op::invalid(e.pos);
            }
            (Ty::UntypedInt | Ty::T(Type::Int), _) => {}
            _ => {
                let d = self.describe(&y);
                self.err(
                    y.pos,
                    format!("invalid operation: shift count {d} must be integer"),
                );
                return Op::invalid(e.pos);
            }
        }
        if !matches!(x.ty, Ty::UntypedInt | Ty::T(Type::Int)) {
            let d = self.describe(&x);
            self.err(
                x.pos,
                format!("invalid operation: shifted operand {d} must be integer"),
            );
            return Op::invalid(e.pos);
        }
        if let (Some(CV::Int(a)), Some(CV::Int(b))) = (&x.cv, &y.cv) {
            // Go's bound on the count of a constant shift (go/types: 1023 - 1 + 52, so
            // that the smallest float64 can be expressed).
            if b > &BigInt::from(SHIFT_BOUND) {
                let d = self.describe(&y);
                self.err(y.pos, format!("invalid operation: invalid shift count {d}"));
                return Op::invalid(e.pos);
            }
            return match consts::int_binop(op, a, b) {
                Ok(v) => {
                    let r = Op::konst(x.ty.clone(), CV::Int(v), e);
                    if self.const_op_overflow(&r, op, op_pos) {
                        return Op::invalid(e.pos);
                    }
                    self.check_typed_const(r)
                }
                Err(m) => {
                    self.err(y.pos, m);
                    Op::invalid(e.pos)
                }
            };
        }
        let Some(xe) = self.default_conv(x.clone(), "") else {
            return Op::invalid(e.pos);
        };
        let ye = if let Some(CV::Int(v)) = &y.cv {
            // Large constant counts are clamped (the result is the same).
            let v = if consts::fits_int(v) {
                v.clone()
            } else {
                BigInt::from(1000)
            };
            hir::Expr {
                kind: ExprKind::Const(CV::Int(v).to_i64().unwrap()),
                ty: Type::Int,
                pos: y.pos,
            }
        } else {
            match self.default_conv(y.clone(), "") {
                Some(h) => h,
                None => return Op::invalid(e.pos),
            }
        };
        let mut r = Op::new(
            Ty::T(Type::Int),
            ExprKind::Binary(binop(op), Box::new(xe), Box::new(ye)),
            e,
        );
        r.has_call = x.has_call || y.has_call;
        r
    }
}

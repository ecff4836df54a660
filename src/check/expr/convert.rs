//! Assignability and conversions: operands converted to a given type in assignment-like
//! contexts (Go's assignability), untyped operands given their default type or the type
//! of the other operand, explicit conversions `T(x)`, and the types that expressions
//! denote.

use super::{expr_string, unparen, Op};
use crate::check::consts::{self, CV};
use crate::check::hir::{self, ExprKind, Pos, Type};
use crate::check::{show_type, Checker, Entity, Ty, TypeCtx};
use crate::syntax::ast;

impl<'a> Checker<'a> {
    /// Converts an operand to `t` for an assignment-like context (Go's assignability).
    pub(crate) fn assign_conv(&mut self, op: Op<'a>, t: &Type, ctx: &str) -> Option<hir::Expr> {
        let op = self.single(op);
        match &op.ty {
            Ty::Invalid => None,
            Ty::UntypedInt => {
                if *t != Type::Int {
                    let d = self.describe(&op);
                    self.err(
                        op.pos,
                        format!("cannot use {d} as {} value in {ctx}", show_type(t)),
                    );
                    return None;
                }
                self.const_int(&op, ctx)
            }
            Ty::UntypedBool => {
                if *t != Type::Bool {
                    let d = self.describe(&op);
                    self.err(
                        op.pos,
                        format!("cannot use {d} as {} value in {ctx}", show_type(t)),
                    );
                    return None;
                }
                Some(hir::Expr {
                    kind: op.kind.clone(),
                    ty: Type::Bool,
                    pos: op.pos,
                })
            }
            Ty::UntypedNil => {
                if matches!(t, Type::Pointer(_) | Type::Chan(_)) {
                    Some(hir::Expr {
                        kind: ExprKind::Nil,
                        ty: t.clone(),
                        pos: op.pos,
                    })
                } else {
                    self.err(
                        op.pos,
                        format!("cannot use nil as {} value in {ctx}", show_type(t)),
                    );
                    None
                }
            }
            Ty::T(ot) => {
                if ot != t {
                    let d = self.describe(&op);
                    self.err(
                        op.pos,
                        format!("cannot use {d} as {} value in {ctx}", show_type(t)),
                    );
                    return None;
                }
                Some(op.hir())
            }
            _ => None,
        }
    }

    /// An untyped integer constant as an `int` (overflow is an error).
    fn const_int(&mut self, op: &Op<'a>, ctx: &str) -> Option<hir::Expr> {
        let v = op.cv.as_ref().and_then(|c| c.int().cloned());
        match v {
            Some(v) => {
                if !consts::fits_int(&v) {
                    let d = self.describe(op);
                    if ctx.is_empty() {
                        self.err(op.pos, format!("{d} overflows int"));
                    } else {
                        self.err(
                            op.pos,
                            format!("cannot use {d} as int value in {ctx} (overflows)"),
                        );
                    }
                    return None;
                }
                Some(hir::Expr {
                    kind: ExprKind::Const(consts::CV::Int(v).to_i64().unwrap()),
                    ty: Type::Int,
                    pos: op.pos,
                })
            }
            None => Some(hir::Expr {
                kind: op.kind.clone(),
                ty: Type::Int,
                pos: op.pos,
            }),
        }
    }

    /// An operand with its default type (untyped constants become `int`/`bool`).
    pub(crate) fn default_conv(&mut self, op: Op<'a>, ctx: &str) -> Option<hir::Expr> {
        let op = self.single(op);
        match &op.ty {
            Ty::Invalid => None,
            Ty::UntypedInt => self.const_int(&op, ctx),
            Ty::UntypedBool => self.assign_conv(op, &Type::Bool, ctx),
            Ty::UntypedNil => {
                if ctx.is_empty() {
                    self.err(op.pos, "use of untyped nil");
                } else {
                    self.err(op.pos, format!("use of untyped nil in {ctx}"));
                }
                None
            }
            Ty::T(_) => Some(op.hir()),
            _ => None,
        }
    }

    /// Makes an untyped operand typed (as `t`) inside an expression, keeping constness.
    pub(super) fn convert_untyped(&mut self, op: &mut Op<'a>, t: &Type) -> bool {
        match (&op.ty, t) {
            (Ty::UntypedInt, Type::Int) => {
                if let Some(CV::Int(v)) = &op.cv {
                    if !consts::fits_int(v) {
                        let d = self.describe(op);
                        self.err(op.pos, format!("{d} overflows int"));
                        return false;
                    }
                }
                op.ty = Ty::T(Type::Int);
                true
            }
            (Ty::UntypedBool, Type::Bool) => {
                op.ty = Ty::T(Type::Bool);
                true
            }
            (Ty::UntypedNil, Type::Pointer(_) | Type::Chan(_)) => {
                op.ty = Ty::T(t.clone());
                op.kind = ExprKind::Nil;
                true
            }
            _ => false,
        }
    }

    pub(super) fn compatible_untyped(&self, u: &Ty, t: &Type) -> bool {
        matches!(
            (u, t),
            (Ty::UntypedInt, Type::Int)
                | (Ty::UntypedBool, Type::Bool)
                | (Ty::UntypedNil, Type::Pointer(_) | Type::Chan(_))
        )
    }

    /// The type an expression denotes (for conversions).
    pub(super) fn type_of_expr(&mut self, e: &'a ast::Expr) -> Option<Type> {
        match &e.kind {
            ast::ExprKind::Type(t) => self.resolve_type_opt(t, TypeCtx::Local, None),
            ast::ExprKind::Paren(x) => self.type_of_expr(x),
            ast::ExprKind::Unary("*", x) => {
                let inner = unparen(x);
                if matches!(inner.kind, ast::ExprKind::Unary("*", _)) {
                    self.err(inner.pos, "pointers to pointers are not supported (a pointer may only live in a local variable or parameter)");
                    return None;
                }
                let t = self.type_of_expr(x)?;
                Some(Type::Pointer(Box::new(t)))
            }
            ast::ExprKind::Ident(n) => {
                let id = ast::Ident {
                    name: n.clone(),
                    pos: e.pos,
                };
                let te: ast::TypeExpr = ast::TypeExpr::Name(id);
                match self.lookup(n) {
                    Some(Entity::Type(t)) => Some(t),
                    _ => {
                        let _ = te;
                        self.err(
                            e.pos,
                            format!(
                                "type {n} is not supported (only int, bool, arrays and pointers)"
                            ),
                        );
                        None
                    }
                }
            }
            _ => None,
        }
    }

    /// Whether an expression denotes a type.
    pub(crate) fn is_type_expr(&mut self, e: &ast::Expr) -> bool {
        match &e.kind {
            ast::ExprKind::Type(_) => true,
            ast::ExprKind::Paren(x) => self.is_type_expr(x),
            ast::ExprKind::Unary("*", x) => self.is_type_expr(x),
            ast::ExprKind::Ident(n) => {
                matches!(
                    self.lookup(n),
                    Some(Entity::Type(_) | Entity::UnsupportedType)
                )
            }
            _ => false,
        }
    }

    pub(super) fn conversion(
        &mut self,
        e: &'a ast::Expr,
        f: &'a ast::Expr,
        args: &'a [ast::Expr],
        rparen: Pos,
    ) -> Op<'a> {
        let t = self.type_of_expr(f);
        if args.len() != 1 {
            let s = expr_string(e);
            if args.is_empty() {
                self.err(
                    rparen,
                    format!("missing argument in conversion to {}", expr_string(f)),
                );
            } else {
                self.err(
                    args[1].pos,
                    format!("too many arguments in conversion to {}", expr_string(f)),
                );
            }
            self.use_exprs(args);
            let _ = s;
            return Op::invalid(e.pos);
        }
        let x = self.value(&args[0]);
        let Some(t) = t else {
            return Op::invalid(e.pos);
        };
        if x.is_invalid() {
            return Op::invalid(e.pos);
        }
        let ok = match (&x.ty, &t) {
            (Ty::UntypedInt, Type::Int) | (Ty::UntypedBool, Type::Bool) => true,
            (Ty::UntypedNil, Type::Pointer(_) | Type::Chan(_)) => true,
            (Ty::T(a), b) => a == b,
            _ => false,
        };
        if !ok {
            let d = self.describe(&x);
            self.err(
                x.pos,
                format!("cannot convert {d} to type {}", show_type(&t)),
            );
            return Op::invalid(e.pos);
        }
        if let Some(cv) = x.cv.clone() {
            let r = Op::konst(Ty::T(t), cv, e);
            if let (Ty::T(Type::Int), Some(CV::Int(v))) = (&r.ty, &r.cv) {
                if !consts::fits_int(v) {
                    let d = self.describe(&x);
                    self.err(x.pos, format!("cannot convert {d} to type int (overflows)"));
                    return Op::invalid(e.pos);
                }
            }
            return r;
        }
        let has_call = x.has_call;
        let h = if matches!(x.ty, Ty::UntypedNil) {
            hir::Expr {
                kind: ExprKind::Nil,
                ty: t.clone(),
                pos: x.pos,
            }
        } else {
            x.hir()
        };
        let mut r = Op::new(Ty::T(t), h.kind, e);
        r.has_call = has_call;
        r
    }
}

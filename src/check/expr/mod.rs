//! Expressions: typing, constant folding, conversions and the pointer rules.
//!
//! # Files
//!
//! - `mod.rs` (this file): the checked operand ([`Op`]), Go's descriptions of operands
//!   and the source text of expressions for messages, [`Checker::expr`] (which
//!   dispatches on the kind of expression), single-value contexts and identifiers.
//! - [`ops`]: unary and binary operators and shifts, with constant folding and Go's
//!   overflow rules for constants.
//! - [`convert`]: assignability, default types of untyped operands, conversions
//!   (`T(x)`) and the types that expressions denote.
//! - [`call`]: calls of functions (arguments, several results through temporaries)
//!   and the builtins (`len`, `print`, `println`, `panic`).
//! - [`index`]: indexing and taking addresses (the pointer rules).
//! - [`composite`]: array composite literals.

mod call;
mod composite;
mod convert;
mod index;
mod ops;

use super::consts::{self, CV};
use super::hir::{self, ExprKind, Pos, Type};
use super::{show_type, Checker, Dep, Entity, State, Ty};
use crate::syntax::ast;
use num_bigint::BigInt;

/// The result of checking an expression.
#[derive(Clone, Debug)]
pub(crate) struct Op<'a> {
    pub ty: Ty,
    pub cv: Option<CV>,
    /// The computation (for typed, non-constant operands; untyped bool comparisons too).
    pub kind: ExprKind,
    pub pos: Pos,
    pub x: Option<&'a ast::Expr>,
    /// The string literal's bytes, when the operand is one.
    pub str: Option<Vec<u8>>,
    /// Whether it contains a function call.
    pub has_call: bool,
    /// A variable (or element/target) rather than a value.
    pub var: bool,
}

impl<'a> Op<'a> {
    pub(crate) fn invalid(pos: Pos) -> Self {
        Op {
            ty: Ty::Invalid,
            cv: None,
            kind: ExprKind::Const(0),
            pos,
            x: None,
            str: None,
            has_call: false,
            var: false,
        }
    }

    fn new(ty: Ty, kind: ExprKind, e: &'a ast::Expr) -> Self {
        Op {
            ty,
            cv: None,
            kind,
            pos: e.pos,
            x: Some(e),
            str: None,
            has_call: false,
            var: false,
        }
    }

    fn konst(ty: Ty, cv: CV, e: &'a ast::Expr) -> Self {
        let kind = ExprKind::Const(cv.to_i64().unwrap_or(0));
        Op {
            ty,
            cv: Some(cv),
            kind,
            pos: e.pos,
            x: Some(e),
            str: None,
            has_call: false,
            var: false,
        }
    }

    pub(crate) fn str_lit(&self) -> Option<&Vec<u8>> {
        self.str.as_ref()
    }

    pub(crate) fn is_invalid(&self) -> bool {
        matches!(self.ty, Ty::Invalid)
    }

    /// The typed hir expression (only for `Ty::T`). Takes the operand: cloning its
    /// expression at every level made checking an operator chain quadratic (issue 9).
    pub(crate) fn hir(self) -> hir::Expr {
        let ty = match &self.ty {
            Ty::T(t) => t.clone(),
            Ty::Tuple(ts) => ts[0].clone(),
            Ty::UntypedBool => Type::Bool,
            _ => Type::Int,
        };
        hir::Expr {
            kind: self.kind,
            ty,
            pos: self.pos,
        }
    }
}

/// Go-like source text of an expression, for messages.
pub(crate) fn expr_string(e: &ast::Expr) -> String {
    let mut s = String::new();
    write_expr(e, &mut s, 0);
    s
}

fn write_expr(e: &ast::Expr, s: &mut String, depth: u32) {
    if depth > 20 || s.len() > 80 {
        s.push('…');
        return;
    }
    use ast::ExprKind as K;
    match &e.kind {
        K::Ident(n) | K::Int(n) => s.push_str(n),
        K::Str(b) => {
            s.push('"');
            s.push_str(&String::from_utf8_lossy(b).escape_default().to_string());
            s.push('"');
        }
        K::Paren(x) => {
            s.push('(');
            write_expr(x, s, depth + 1);
            s.push(')');
        }
        K::Unary(op, x) => {
            s.push_str(op);
            write_expr(x, s, depth + 1);
        }
        K::Recv(x) => {
            s.push_str("<-");
            write_expr(x, s, depth + 1);
        }
        K::Selector(x, id) => {
            write_expr(x, s, depth + 1);
            s.push('.');
            s.push_str(&id.name);
        }
        K::Binary(op, l, r, _) => {
            write_expr(l, s, depth + 1);
            s.push(' ');
            s.push_str(op);
            s.push(' ');
            write_expr(r, s, depth + 1);
        }
        K::Call { fun, args, .. } => {
            write_expr(fun, s, depth + 1);
            s.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_expr(a, s, depth + 1);
            }
            s.push(')');
        }
        K::Index(b, i, _) => {
            write_expr(b, s, depth + 1);
            s.push('[');
            write_expr(i, s, depth + 1);
            s.push(']');
        }
        K::Composite { ty, .. } => {
            write_type(ty, s);
            s.push_str("{…}");
        }
        K::Type(t) => write_type(t, s),
        K::Unsupported => s.push('…'),
    }
}

fn write_type(t: &ast::TypeExpr, s: &mut String) {
    match t {
        ast::TypeExpr::Name(i) => s.push_str(&i.name),
        ast::TypeExpr::Array { len, elem, .. } => {
            s.push('[');
            match len {
                Some(l) => write_expr(l, s, 10),
                None => s.push_str("..."),
            }
            s.push(']');
            write_type(elem, s);
        }
        ast::TypeExpr::Pointer { elem, .. } => {
            s.push('*');
            write_type(elem, s);
        }
        ast::TypeExpr::Chan { elem, .. } => {
            s.push_str("chan ");
            write_type(elem, s);
        }
        ast::TypeExpr::Paren(t) => {
            s.push('(');
            write_type(t, s);
            s.push(')');
        }
        ast::TypeExpr::Unsupported(_) => s.push('…'),
    }
}

fn unparen(e: &ast::Expr) -> &ast::Expr {
    match &e.kind {
        ast::ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}

/// Whether an hir expression denotes a variable (something assignable).
pub(crate) fn addressable(e: &hir::Expr) -> bool {
    match &e.kind {
        ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Deref(_) => true,
        ExprKind::Index(b, _) => b.ty.is_pointer() || addressable(b),
        _ => false,
    }
}

const STR_MSG: &str = "strings are only supported as arguments of print, println and panic";

impl<'a> Checker<'a> {
    /// Go's description of an operand: `x (variable of type int)`.
    pub(crate) fn describe(&self, op: &Op) -> String {
        let text = op.x.map(expr_string).unwrap_or_default();
        match (&op.ty, &op.cv) {
            (Ty::UntypedNil, _) => "nil".into(),
            (Ty::UntypedInt | Ty::UntypedBool, Some(cv)) => {
                if text == cv.show() {
                    format!("{text} ({} constant)", op.ty.show())
                } else {
                    format!("{text} ({} constant {})", op.ty.show(), cv.show())
                }
            }
            (Ty::T(t), Some(cv)) => {
                if text == cv.show() {
                    format!("{text} (constant of type {})", show_type(t))
                } else {
                    format!("{text} (constant {} of type {})", cv.show(), show_type(t))
                }
            }
            (Ty::Void, _) => format!("{text} (no value)"),
            (t, _) => {
                let what = if op.var {
                    "variable"
                } else if matches!(op.kind, ExprKind::Recv(_)) {
                    "comma, ok expression"
                } else {
                    "value"
                };
                format!("{text} ({what} of type {})", t.show())
            }
        }
    }

    fn invalid_str(&mut self, op: &Op) -> bool {
        if op.str.is_some() {
            self.err(op.pos, STR_MSG);
            true
        } else {
            false
        }
    }

    /// An expression that must have a single value.
    pub(crate) fn value(&mut self, e: &'a ast::Expr) -> Op<'a> {
        let op = self.expr(e);
        self.single(op)
    }

    pub(crate) fn single(&mut self, op: Op<'a>) -> Op<'a> {
        match &op.ty {
            Ty::Tuple(ts) => {
                let d = self.describe(&op);
                let _ = ts;
                self.err(
                    op.pos,
                    format!("multiple-value {d} in single-value context"),
                );
                Op::invalid(op.pos)
            }
            Ty::Void => {
                let d = self.describe(&op);
                self.err(op.pos, format!("{d} used as value"));
                Op::invalid(op.pos)
            }
            _ => {
                if self.invalid_str(&op) {
                    return Op::invalid(op.pos);
                }
                op
            }
        }
    }

    /// Checks an expression (which may be a call with several or no results).
    pub(crate) fn expr(&mut self, e: &'a ast::Expr) -> Op<'a> {
        use ast::ExprKind as K;
        match &e.kind {
            K::Ident(name) => self.ident(e, name, false),
            // A literal the lexer already reported is an invalid operand (as in Go).
            K::Int(text)
                if self.lex_at.iter().any(|p| {
                    p.line == e.pos.line
                        && p.col >= e.pos.col
                        && p.col as usize <= e.pos.col as usize + text.len()
                }) =>
            {
                Op::invalid(e.pos)
            }
            K::Int(text) => match consts::parse_int(text) {
                Some(v) => Op::konst(Ty::UntypedInt, CV::Int(v), e),
                None => {
                    self.err(e.pos, format!("invalid integer literal {text}"));
                    Op::invalid(e.pos)
                }
            },
            // A string literal with a lexical error on its line after its start (an
            // unterminated one, an invalid byte): invalid, already reported.
            K::Str(_)
                if self
                    .lex_at
                    .iter()
                    .any(|p| p.line == e.pos.line && p.col >= e.pos.col) =>
            {
                Op::invalid(e.pos)
            }
            K::Str(b) => {
                let mut op = Op::new(Ty::Invalid, ExprKind::Const(0), e);
                op.str = Some(b.clone());
                op
            }
            K::Paren(x) => {
                let mut op = self.expr(x);
                op.pos = e.pos;
                op.x = Some(e);
                op
            }
            K::Unary(op, x) => self.unary(e, op, x),
            K::Recv(x) => self.recv(e, x),
            K::Selector(x, id) => self.selector(e, x, id, false),
            K::Binary(op, l, r, op_pos) => self.binary(e, op, l, r, *op_pos),
            K::Call {
                fun, args, rparen, ..
            } => self.call(e, fun, args, *rparen, false),
            K::Index(b, i, lbrack) => self.index(e, b, i, *lbrack),
            K::Composite { ty, elems, .. } => self.composite(e, ty, elems, None),
            K::Type(_) => {
                let s = expr_string(e);
                self.err(e.pos, format!("{s} (type) is not an expression"));
                Op::invalid(e.pos)
            }
            K::Unsupported => Op::invalid(e.pos),
        }
    }

    /// An identifier; `lhs`: as the target of an assignment (not a use).
    pub(crate) fn ident(&mut self, e: &'a ast::Expr, name: &str, lhs: bool) -> Op<'a> {
        if name == "_" {
            self.err(e.pos, "cannot use _ as value");
            return Op::invalid(e.pos);
        }
        let Some(ent) = self.lookup(name) else {
            self.err(e.pos, format!("undefined: {name}"));
            return Op::invalid(e.pos);
        };
        match ent {
            Entity::Local(id) => {
                if !lhs {
                    self.f.info[id.0 as usize].used = true;
                }
                let t = self.f.locals[id.0 as usize].ty.clone();
                let mut op = Op::new(Ty::T(t), ExprKind::Local(id), e);
                op.var = true;
                op
            }
            Entity::Global(g) => {
                let d = self.ginfo[g.0 as usize].decl;
                if self.vars[d].state != State::Done {
                    self.check_var_decl(d);
                }
                self.deps.insert(Dep::Global(g));
                let t = self.globals[g.0 as usize].ty.clone();
                let mut op = Op::new(Ty::T(t), ExprKind::Global(g), e);
                op.var = true;
                op
            }
            Entity::Func(_) => {
                self.err(
                    e.pos,
                    format!("function values are not supported ({name} must be called)"),
                );
                Op::invalid(e.pos)
            }
            Entity::Const(t, cv) => Op::konst(t, cv, e),
            Entity::PkgConst(k) => match self.pkg_const(k) {
                Some((t, cv)) => Op::konst(t, cv, e),
                None => Op::invalid(e.pos),
            },
            Entity::Type(_) => {
                self.err(e.pos, format!("{name} (type) is not an expression"));
                Op::invalid(e.pos)
            }
            Entity::UnsupportedType => {
                self.err(
                    e.pos,
                    format!("type {name} is not supported (only int, bool, arrays and pointers)"),
                );
                Op::invalid(e.pos)
            }
            Entity::Builtin(b) => {
                self.err(e.pos, format!("{b} (built-in function) must be called"));
                Op::invalid(e.pos)
            }
            Entity::UnsupportedBuiltin => {
                self.err(e.pos, format!("{name} is not supported"));
                Op::invalid(e.pos)
            }
            Entity::Nil => Op::new(Ty::UntypedNil, ExprKind::Nil, e),
            Entity::Package(_) => {
                self.err(e.pos, format!("use of package {name} not in selector"));
                Op::invalid(e.pos)
            }
            Entity::Iota => match self.iota {
                Some(v) => Op::konst(Ty::UntypedInt, CV::Int(BigInt::from(v)), e),
                None => {
                    self.err(e.pos, "cannot use iota outside constant declaration");
                    Op::invalid(e.pos)
                }
            },
        }
    }

    /// `<-x`: a receive.
    pub(crate) fn recv(&mut self, e: &'a ast::Expr, x: &'a ast::Expr) -> Op<'a> {
        let o = self.value(x);
        if o.is_invalid() {
            return Op::invalid(e.pos);
        }
        let Ty::T(Type::Chan(elem)) = &o.ty else {
            let d = self.describe(&o);
            self.err(
                o.pos,
                format!("invalid operation: cannot receive from non-channel {d}"),
            );
            return Op::invalid(e.pos);
        };
        let elem = (**elem).clone();
        self.f.calls += 1;
        let mut r = Op::new(Ty::T(elem), ExprKind::Recv(Box::new(o.hir())), e);
        r.has_call = true;
        r
    }

    /// If `x` names an imported package (and is not shadowed), marks the import used and
    /// returns its index.
    pub(crate) fn package_of(&mut self, x: &ast::Expr) -> Option<usize> {
        let ast::ExprKind::Ident(n) = &x.kind else {
            return None;
        };
        match self.lookup(n) {
            Some(Entity::Package(k)) => {
                self.imports[k].used = true;
                Some(k)
            }
            _ => None,
        }
    }

    /// `x.name` not called (a call of a package member is checked by [`Checker::call`]):
    /// a package member as a value, or a selector outside the subset. `called`: the
    /// selector is the function of a call whose member is not supported.
    pub(crate) fn selector(
        &mut self,
        e: &'a ast::Expr,
        x: &'a ast::Expr,
        id: &ast::Ident,
        called: bool,
    ) -> Op<'a> {
        if let Some(k) = self.package_of(x) {
            let pkg = self.imports[k].name.clone();
            match id.name.as_str() {
                "Gosched" | "NumGoroutine" if !called => self.subset_err(
                    e.pos,
                    format!(
                        "function values are not supported (runtime.{} must be called)",
                        id.name
                    ),
                ),
                _ => self.subset_err(
                    id.pos,
                    format!(
                        "{pkg}.{} is not supported (only runtime.Gosched and runtime.NumGoroutine)",
                        id.name
                    ),
                ),
            }
            return Op::invalid(e.pos);
        }
        let _ = self.expr(x);
        self.subset_err(
            id.pos,
            "selectors (packages, fields and methods) are not supported",
        );
        Op::invalid(e.pos)
    }

    /// Checks expressions of a call already in error only for what they use (Go's
    /// `use`): the variables in them count as used.
    fn use_exprs(&mut self, args: &'a [ast::Expr]) {
        for a in args {
            let _ = self.expr(a);
        }
    }
}

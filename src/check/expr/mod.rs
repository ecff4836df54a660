//! Expressions: typing, constant folding, conversions and the pointer rules.

use super::consts::{self, CV};
use super::hir::{self, BinOp, ExprKind, Pos, Type, UnOp};
use super::{show_type, Checker, Dep, Entity, State, Ty, TypeCtx};
use crate::syntax::ast;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

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

/// Whether an hir expression denotes a variable (something assignable).
pub(crate) fn addressable(e: &hir::Expr) -> bool {
    match &e.kind {
        ExprKind::Local(_) | ExprKind::Global(_) | ExprKind::Deref(_) => true,
        ExprKind::Index(b, _) => b.ty.is_pointer() || addressable(b),
        _ => false,
    }
}

const STR_MSG: &str = "strings are only supported as arguments of print, println and panic";

/// The largest count of a constant shift Go accepts (go/types' `shiftBound`, 1023 - 1 + 52:
/// enough to express the smallest float64); a larger one is `invalid shift count`.
const SHIFT_BOUND: u64 = 1023 - 1 + 52;

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
                let what = if op.var { "variable" } else { "value" };
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
    fn convert_untyped(&mut self, op: &mut Op<'a>, t: &Type) -> bool {
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
            K::Binary(op, l, r, op_pos) => self.binary(e, op, l, r, *op_pos),
            K::Call { fun, args, rparen } => self.call(e, fun, args, *rparen, false),
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
            Entity::Iota => match self.iota {
                Some(v) => Op::konst(Ty::UntypedInt, CV::Int(BigInt::from(v)), e),
                None => {
                    self.err(e.pos, "cannot use iota outside constant declaration");
                    Op::invalid(e.pos)
                }
            },
        }
    }

    fn unary(&mut self, e: &'a ast::Expr, op: &'static str, x: &'a ast::Expr) -> Op<'a> {
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

    /// Checks expressions of a call already in error only for what they use (Go's
    /// `use`): the variables in them count as used.
    fn use_exprs(&mut self, args: &'a [ast::Expr]) {
        for a in args {
            let _ = self.expr(a);
        }
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

    fn addr_of(&mut self, e: &'a ast::Expr, x: &'a ast::Expr) -> Op<'a> {
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
        let t = Type::Pointer(Box::new(h.ty.clone()));
        let mut r = Op::new(Ty::T(t), ExprKind::AddrOf(Box::new(h)), e);
        r.has_call = o.has_call;
        r
    }

    fn binary(
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

    fn compatible_untyped(&self, u: &Ty, t: &Type) -> bool {
        matches!(
            (u, t),
            (Ty::UntypedInt, Type::Int)
                | (Ty::UntypedBool, Type::Bool)
                | (Ty::UntypedNil, Type::Pointer(_) | Type::Chan(_))
        )
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

    /// The type an expression denotes (for conversions).
    fn type_of_expr(&mut self, e: &'a ast::Expr) -> Option<Type> {
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

    /// A call, conversion or builtin. `stmt`: used as a statement (print/println/panic
    /// are only allowed there); their statement is pushed to `pre`.
    pub(crate) fn call(
        &mut self,
        e: &'a ast::Expr,
        fun: &'a ast::Expr,
        args: &'a [ast::Expr],
        rparen: Pos,
        stmt: bool,
    ) -> Op<'a> {
        let f = unparen(fun);
        if self.is_type_expr(f) {
            return self.conversion(e, f, args, rparen);
        }
        if let ast::ExprKind::Ident(name) = &f.kind {
            match self.lookup(name) {
                Some(Entity::Builtin(b)) => return self.builtin(e, b, args, rparen, stmt),
                Some(Entity::Func(id)) => return self.func_call(e, id, name, args, rparen),
                Some(Entity::UnsupportedBuiltin) => {
                    self.err(f.pos, format!("{name} is not supported"));
                    for a in args {
                        if !self.is_type_expr(a) {
                            self.expr(a);
                        }
                    }
                    return Op::invalid(e.pos);
                }
                _ => {}
            }
        }
        let o = self.expr(fun);
        for a in args {
            self.expr(a);
        }
        if o.is_invalid() {
            return Op::invalid(e.pos);
        }
        let d = self.describe(&o);
        self.err(
            e.pos,
            format!("invalid operation: cannot call non-function {d}"),
        );
        Op::invalid(e.pos)
    }

    fn conversion(
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
            (Ty::UntypedNil, Type::Pointer(_)) => true,
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

    /// Arguments for a call of a function with parameter types `params`: handles
    /// `f(g())` where `g` has several results (through temporaries in `pre`).
    fn call_args(
        &mut self,
        e: &'a ast::Expr,
        name: &str,
        params: &[Type],
        args: &'a [ast::Expr],
        ctx: &str,
    ) -> Option<(Vec<hir::Expr>, bool)> {
        let mut has_call = false;
        if args.len() == 1 {
            let calls_before = self.f.calls;
            let a = self.expr(&args[0]);
            if let Ty::Tuple(ts) = &a.ty {
                if calls_before > 0 {
                    self.err(
                        a.pos,
                        "a call with several results used as the arguments of a call that follows other calls in the same statement is not supported (assign its results to variables first)",
                    );
                    return None;
                }
                let ts = ts.clone();
                let ExprKind::Call(g, gargs) = a.kind.clone() else {
                    return None;
                };
                if ts.len() != params.len() {
                    let which = if ts.len() < params.len() {
                        "not enough"
                    } else {
                        "too many"
                    };
                    self.err(
                        a.pos,
                        format!(
                            "{which} arguments in call to {name}\n\thave {}\n\twant {}",
                            Ty::Tuple(ts.clone()).show(),
                            Ty::Tuple(params.to_vec()).show()
                        ),
                    );
                    return None;
                }
                let mut ok = true;
                for (t, p) in ts.iter().zip(params) {
                    if t != p {
                        self.err(
                            a.pos,
                            format!(
                                "cannot use {} value as {} value in {ctx}",
                                show_type(t),
                                show_type(p)
                            ),
                        );
                        ok = false;
                    }
                }
                if !ok {
                    return None;
                }
                let out = self.hoist_tuple(g, gargs, &ts, a.pos);
                return Some((out, true));
            }
            return self.finish_args(e, name, params, vec![a], args, ctx);
        }
        let ops: Vec<Op<'a>> = args.iter().map(|a| self.expr(a)).collect();
        for o in &ops {
            has_call |= o.has_call;
        }
        self.finish_args(e, name, params, ops, args, ctx)
            .map(|(v, h)| (v, h || has_call))
    }

    /// Evaluates a call with several results into temporaries (in `pre`); returns them.
    fn hoist_tuple(
        &mut self,
        g: hir::FuncId,
        gargs: Vec<hir::Expr>,
        ts: &[Type],
        pos: Pos,
    ) -> Vec<hir::Expr> {
        let temps: Vec<hir::LocalId> = ts.iter().map(|t| self.temp(t.clone())).collect();
        let exprs: Vec<hir::Expr> = temps
            .iter()
            .zip(ts)
            .map(|(l, t)| hir::Expr {
                kind: ExprKind::Local(*l),
                ty: t.clone(),
                pos,
            })
            .collect();
        self.f.pre.push(hir::Stmt::AssignCall(
            exprs.iter().cloned().map(Some).collect(),
            g,
            gargs,
        ));
        exprs
    }

    fn finish_args(
        &mut self,
        e: &'a ast::Expr,
        name: &str,
        params: &[Type],
        ops: Vec<Op<'a>>,
        args: &'a [ast::Expr],
        ctx: &str,
    ) -> Option<(Vec<hir::Expr>, bool)> {
        let has_call = ops.iter().any(|o| o.has_call);
        if ops.len() != params.len() {
            let ops: Vec<Op<'a>> = ops.into_iter().map(|o| self.single(o)).collect();
            if ops.iter().any(|o| o.is_invalid()) {
                return None;
            }
            let have: Vec<String> = ops
                .iter()
                .map(|o| match &o.ty {
                    Ty::UntypedInt | Ty::UntypedBool => "number".to_string(),
                    t => t.show(),
                })
                .collect();
            let (which, at) = if ops.len() > params.len() {
                ("too many", args[params.len()].pos)
            } else if let Some(last) = args.last() {
                ("not enough", last.pos)
            } else {
                ("not enough", e.pos)
            };
            self.err(
                at,
                format!(
                    "{which} arguments in call to {name}\n\thave ({})\n\twant {}",
                    have.join(", "),
                    Ty::Tuple(params.to_vec()).show()
                ),
            );
            return None;
        }
        let mut out = Vec::new();
        let mut ok = true;
        for (o, p) in ops.into_iter().zip(params) {
            match self.assign_conv(o, p, ctx) {
                Some(h) => out.push(h),
                None => ok = false,
            }
        }
        if ok {
            Some((out, has_call))
        } else {
            None
        }
    }

    fn func_call(
        &mut self,
        e: &'a ast::Expr,
        id: hir::FuncId,
        name: &str,
        args: &'a [ast::Expr],
        _rparen: Pos,
    ) -> Op<'a> {
        self.deps.insert(Dep::Func(id));
        let params = self.funcs[id.0 as usize].params.clone();
        let results = self.funcs[id.0 as usize].results.clone();
        let ctx = format!("argument to {name}");
        let Some((hargs, _)) = self.call_args(e, name, &params, args, &ctx) else {
            return Op::invalid(e.pos);
        };
        let ty = match results.len() {
            0 => Ty::Void,
            1 => Ty::T(results[0].clone()),
            _ => Ty::Tuple(results),
        };
        self.f.calls += 1;
        let mut r = Op::new(ty, ExprKind::Call(id, hargs), e);
        r.has_call = true;
        r
    }

    fn builtin(
        &mut self,
        e: &'a ast::Expr,
        b: &'static str,
        args: &'a [ast::Expr],
        rparen: Pos,
        stmt: bool,
    ) -> Op<'a> {
        match b {
            "len" => {
                if args.len() != 1 {
                    let _ = rparen;
                    if args.is_empty() {
                        self.err(
                            e.pos,
                            "not enough arguments for len() (expected 1, found 0)",
                        );
                    } else {
                        self.err(
                            e.pos,
                            format!(
                                "too many arguments for len (expected 1, found {})",
                                args.len()
                            ),
                        );
                    }
                    self.use_exprs(args);
                    return Op::invalid(e.pos);
                }
                let x = self.value(&args[0]);
                if x.is_invalid() {
                    return x;
                }
                let n = match &x.ty {
                    Ty::T(Type::Array(n, _)) => *n,
                    Ty::T(Type::Pointer(t)) if t.is_array() => match &**t {
                        Type::Array(n, _) => *n,
                        _ => unreachable!(),
                    },
                    _ => {
                        let d = self.describe(&x);
                        self.err(x.pos, format!("invalid argument: {d} for len"));
                        return Op::invalid(e.pos);
                    }
                };
                if x.has_call {
                    let mut r = Op::new(Ty::T(Type::Int), ExprKind::Len(Box::new(x.hir())), e);
                    r.has_call = true;
                    return r;
                }
                Op::konst(Ty::T(Type::Int), CV::Int(BigInt::from(n)), e)
            }
            "print" | "println" => {
                let mut pargs = Vec::new();
                let ctx = format!("argument to built-in {b}");
                if args.len() == 1 {
                    let calls_before = self.f.calls;
                    let a = self.expr(&args[0]);
                    if let (Ty::Tuple(ts), ExprKind::Call(g, gargs)) = (&a.ty, &a.kind) {
                        let ts = ts.clone();
                        if calls_before > 0 {
                            self.err(a.pos, "a call with several results used as the arguments of a call that follows other calls in the same statement is not supported (assign its results to variables first)");
                        }
                        let hs = self.hoist_tuple(*g, gargs.clone(), &ts, a.pos);
                        {
                            for h in hs {
                                if h.ty.is_array() || h.ty.is_pointer() {
                                    self.err(
                                        a.pos,
                                        format!(
                                            "printing values of type {} is not supported",
                                            show_type(&h.ty)
                                        ),
                                    );
                                }
                                pargs.push(hir::PrintArg::Value(h));
                            }
                        }
                    } else {
                        self.print_arg(a, &ctx, &mut pargs);
                    }
                } else {
                    for a in args {
                        let o = self.expr(a);
                        self.print_arg(o, &ctx, &mut pargs);
                    }
                }
                self.builtin_stmt(
                    e,
                    hir::Stmt::Print {
                        args: pargs,
                        newline: b == "println",
                    },
                    stmt,
                )
            }
            _ => {
                // panic
                if args.len() != 1 {
                    if args.is_empty() {
                        self.err(
                            e.pos,
                            "not enough arguments for panic() (expected 1, found 0)",
                        );
                    } else {
                        self.err(
                            e.pos,
                            format!(
                                "too many arguments for panic (expected 1, found {})",
                                args.len()
                            ),
                        );
                    }
                    self.use_exprs(args);
                    return self.builtin_stmt(
                        e,
                        hir::Stmt::Panic(hir::PanicArg::Str(Vec::new())),
                        stmt,
                    );
                }
                let a = self.expr(&args[0]);
                let arg = if let Some(s) = a.str_lit() {
                    hir::PanicArg::Str(s.clone())
                } else if matches!(a.ty, Ty::UntypedNil) {
                    self.err(a.pos, "panic(nil) is not supported");
                    hir::PanicArg::Str(Vec::new())
                } else {
                    match self.default_conv(a.clone(), "argument to panic") {
                        Some(h) if h.ty.is_array() || h.ty.is_pointer() => {
                            self.err(
                                a.pos,
                                format!(
                                    "panic with a value of type {} is not supported",
                                    show_type(&h.ty)
                                ),
                            );
                            hir::PanicArg::Str(Vec::new())
                        }
                        Some(h) => hir::PanicArg::Value(h),
                        None => hir::PanicArg::Str(Vec::new()),
                    }
                };
                self.builtin_stmt(e, hir::Stmt::Panic(arg), stmt)
            }
        }
    }

    fn print_arg(&mut self, o: Op<'a>, ctx: &str, out: &mut Vec<hir::PrintArg>) {
        if let Some(s) = o.str_lit() {
            out.push(hir::PrintArg::Str(s.clone()));
            return;
        }
        let pos = o.pos;
        if let Some(h) = self.default_conv(o, ctx) {
            if h.ty.is_array() {
                self.err(
                    pos,
                    format!("illegal types for operand: print\n\t{}", show_type(&h.ty)),
                );
            } else if h.ty.is_pointer() {
                self.err(pos, "printing pointers is not supported");
            }
            out.push(hir::PrintArg::Value(h));
        }
    }

    fn builtin_stmt(&mut self, e: &'a ast::Expr, s: hir::Stmt, stmt: bool) -> Op<'a> {
        if stmt {
            self.f.pre.push(s);
        }
        let mut r = Op::new(Ty::Void, ExprKind::Const(0), e);
        r.has_call = true;
        r
    }

    fn index(
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

    /// A composite literal; `elided` is the element type of an enclosing literal.
    fn composite(
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
                    if let Some(p) = super::pointer_pos(elem) {
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

//! Calls: function calls (argument counts and types, `f(g())` with several results
//! through temporaries) and the builtins `len`, `print`, `println` and `panic`.

use super::{unparen, Op};
use crate::check::consts::CV;
use crate::check::hir::{self, ExprKind, Pos, Type};
use crate::check::{show_type, Checker, Dep, Entity, Ty};
use crate::syntax::ast;
use num_bigint::BigInt;

impl<'a> Checker<'a> {
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
        if let ast::ExprKind::Selector(x, id) = &f.kind {
            if let Some(k) = self.package_of(x) {
                let _ = k;
                return self.runtime_call(e, f, x, id, args, stmt);
            }
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

    /// The call of a `go` statement: a function declared in the program, and its checked
    /// arguments (the parameters are never pointers). `None` after an error.
    pub(crate) fn go_call(&mut self, e: &'a ast::Expr) -> Option<(hir::FuncId, Vec<hir::Expr>)> {
        let ast::ExprKind::Call {
            fun, args, rparen, ..
        } = &e.kind
        else {
            return None;
        };
        let f = unparen(fun);
        if self.is_type_expr(f) {
            let op = self.conversion(e, f, args, *rparen);
            if !op.is_invalid() {
                let d = self.describe(&op);
                self.err(
                    e.pos,
                    format!("go requires function call, not conversion {d}"),
                );
            }
            return None;
        }
        if let ast::ExprKind::Ident(name) = &f.kind {
            match self.lookup(name) {
                Some(Entity::Func(id)) => {
                    self.deps.insert(Dep::Func(id));
                    let params = self.funcs[id.0 as usize].params.clone();
                    let ctx = format!("argument to {name}");
                    let (hargs, _) = self.call_args(e, name, &params, args, &ctx)?;
                    let mut ok = true;
                    for (i, p) in params.iter().enumerate() {
                        if p.is_pointer() {
                            let pos = args.get(i).map_or(e.pos, |a| a.pos);
                            self.err(pos, "passing a pointer to a go statement is not supported (a pointer may only be passed down its goroutine's own stack)");
                            ok = false;
                        }
                    }
                    return ok.then_some((id, hargs));
                }
                Some(Entity::Builtin(b)) => {
                    let op = self.call(e, fun, args, *rparen, false);
                    if op.is_invalid() {
                        return None;
                    }
                    if b == "len" || b == "make" {
                        let d = self.describe(&op);
                        self.err(e.pos, format!("go discards result of {d}"));
                    } else {
                        self.err(
                            e.pos,
                            format!("go with the built-in function {b} is not supported (only with a function declared in the program)"),
                        );
                    }
                    return None;
                }
                _ => {}
            }
        }
        let op = self.call(e, fun, args, *rparen, false);
        if !op.is_invalid() {
            let s = super::expr_string(fun);
            self.err(
                e.pos,
                format!(
                    "go with {s} is not supported (only with a function declared in the program)"
                ),
            );
        }
        None
    }

    /// `runtime.Gosched()` / `runtime.NumGoroutine()` (`x` names the package).
    fn runtime_call(
        &mut self,
        e: &'a ast::Expr,
        f: &'a ast::Expr,
        x: &'a ast::Expr,
        id: &'a ast::Ident,
        args: &'a [ast::Expr],
        stmt: bool,
    ) -> Op<'a> {
        let member = id.name.as_str();
        if member != "Gosched" && member != "NumGoroutine" {
            let _ = self.selector(f, x, id, true);
            self.use_exprs(args);
            return Op::invalid(e.pos);
        }
        let name = format!("runtime.{member}");
        if self
            .call_args(e, &name, &[], args, &format!("argument to {name}"))
            .is_none()
        {
            return Op::invalid(e.pos);
        }
        if member == "Gosched" {
            return self.builtin_stmt(e, hir::Stmt::Gosched(e.pos), stmt);
        }
        self.f.calls += 1;
        let mut r = Op::new(Ty::T(Type::Int), ExprKind::NumGoroutine, e);
        r.has_call = true;
        r
    }

    /// `make(chan T)` / `make(chan T, n)`.
    fn make(&mut self, e: &'a ast::Expr, args: &'a [ast::Expr]) -> Op<'a> {
        if args.is_empty() {
            self.err(
                e.pos,
                "invalid operation: not enough arguments for make() (expected 1, found 0)",
            );
            return Op::invalid(e.pos);
        }
        let targ = &args[0];
        let t = if self.is_type_expr(targ) {
            self.type_of_expr(targ)
        } else {
            let o = self.expr(targ);
            if !o.is_invalid() {
                let d = self.describe(&o);
                self.err(targ.pos, format!("{d} is not a type"));
            }
            None
        };
        let Some(t) = t else {
            self.use_exprs(&args[1..]);
            return Op::invalid(e.pos);
        };
        if !t.is_chan() {
            self.err(
                targ.pos,
                format!(
                    "invalid argument: cannot make {}; type must be slice, map, or channel",
                    super::expr_string(targ)
                ),
            );
            self.use_exprs(&args[1..]);
            return Op::invalid(e.pos);
        }
        if args.len() > 2 {
            self.use_exprs(&args[1..]);
            let s = super::expr_string(e);
            self.err(
                e.pos,
                format!(
                    "invalid operation: {s} expects 1 or 2 arguments; found {}",
                    args.len()
                ),
            );
            return Op::invalid(e.pos);
        }
        let mut has_call = false;
        let cap = if args.len() == 2 {
            let n = self.value(&args[1]);
            if n.is_invalid() {
                return Op::invalid(e.pos);
            }
            has_call = n.has_call;
            match (&n.ty, &n.cv) {
                (Ty::UntypedInt | Ty::T(Type::Int), Some(CV::Int(v))) => {
                    use num_traits::Signed;
                    if v.is_negative() {
                        let d = self.describe(&Op {
                            ty: Ty::T(Type::Int),
                            ..n.clone()
                        });
                        self.err(
                            n.pos,
                            format!("invalid argument: index {d} must not be negative"),
                        );
                        return Op::invalid(e.pos);
                    }
                    if !crate::check::consts::fits_int(v) {
                        let d = self.describe(&n);
                        self.err(n.pos, format!("{d} overflows int"));
                        return Op::invalid(e.pos);
                    }
                    Some(Box::new(hir::Expr {
                        kind: ExprKind::Const(CV::Int(v.clone()).to_i64().unwrap_or(0)),
                        ty: Type::Int,
                        pos: n.pos,
                    }))
                }
                (Ty::T(Type::Int), None) => Some(Box::new(n.hir())),
                _ => {
                    let d = self.describe(&n);
                    if n.cv.is_some() {
                        self.err(n.pos, format!("cannot convert {d} to int"));
                    } else {
                        self.err(
                            n.pos,
                            format!("invalid argument: index {d} must be integer"),
                        );
                    }
                    return Op::invalid(e.pos);
                }
            }
        } else {
            None
        };
        let mut r = Op::new(Ty::T(t), ExprKind::MakeChan(cap), e);
        r.has_call = has_call;
        r
    }

    /// `close(ch)`.
    fn close(&mut self, e: &'a ast::Expr, args: &'a [ast::Expr], stmt: bool) -> Op<'a> {
        if args.len() != 1 {
            let s = super::expr_string(e);
            self.use_exprs(args);
            if args.is_empty() {
                self.err(
                    e.pos,
                    "invalid operation: not enough arguments for close() (expected 1, found 0)",
                );
            } else {
                self.err(
                    e.pos,
                    format!(
                        "invalid operation: too many arguments for {s} (expected 1, found {})",
                        args.len()
                    ),
                );
            }
            return Op::invalid(e.pos);
        }
        let c = self.value(&args[0]);
        if c.is_invalid() {
            return Op::invalid(e.pos);
        }
        if !matches!(c.ty, Ty::T(Type::Chan(_))) {
            let d = self.describe(&c);
            self.err(
                c.pos,
                format!("invalid operation: cannot close non-channel {d}"),
            );
            return Op::invalid(e.pos);
        }
        let h = c.hir();
        self.builtin_stmt(e, hir::Stmt::Close(h), stmt)
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
            "make" => self.make(e, args),
            "close" => self.close(e, args, stmt),
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
                    Ty::T(Type::Chan(_)) => {
                        self.err(e.pos, "len of a channel is not supported");
                        return Op::invalid(e.pos);
                    }
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
                                if h.ty.is_array() || h.ty.is_pointer() || h.ty.is_chan() {
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
                        Some(h) if h.ty.is_array() || h.ty.is_pointer() || h.ty.is_chan() => {
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
            } else if h.ty.is_chan() {
                self.err(pos, "printing channels is not supported");
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
}

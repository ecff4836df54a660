//! Statements: declarations, assignments, control flow and their desugaring.

use super::consts::CV;
use super::expr::{addressable, expr_string, Op};
use super::hir::{self, BinOp, ExprKind, LocalId, Pos, Stmt, Type};
use super::{show_type, Checker, Entity, Ty, TypeCtx};
use crate::syntax::ast;

/// How the variables of a `var` spec (or `:=`) get their values.
pub(crate) enum Init {
    Zero,
    Values(Vec<hir::Expr>),
    Call(hir::FuncId, Vec<hir::Expr>),
    /// `v, ok = <-chan` (the channel).
    Recv(hir::Expr),
}

pub(crate) fn local(id: LocalId, ty: &Type, pos: Pos) -> hir::Expr {
    hir::Expr {
        kind: ExprKind::Local(id),
        ty: ty.clone(),
        pos,
    }
}

fn unparen(e: &ast::Expr) -> &ast::Expr {
    match &e.kind {
        ast::ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}

/// Whether a statement list ends in a terminating statement (Go's rules).
pub(crate) fn terminating_list(s: &[Stmt]) -> bool {
    s.last().is_some_and(terminating)
}

fn terminating(s: &Stmt) -> bool {
    match s {
        Stmt::Return(_) | Stmt::Panic(_) => true,
        Stmt::Block(b) => terminating_list(b),
        Stmt::If(_, t, e) => terminating_list(t) && terminating_list(e),
        Stmt::For {
            cond: None,
            body,
            post,
        } => !has_break(body) && !has_break(post),
        Stmt::Switch {
            cases,
            default: Some(d),
        } => {
            terminating_list(d)
                && !has_break(d)
                && cases
                    .iter()
                    .all(|c| terminating_list(&c.body) && !has_break(&c.body))
        }
        Stmt::Select { cases, default, .. } => {
            default
                .as_ref()
                .is_none_or(|d| terminating_list(d) && !has_break(d))
                && cases
                    .iter()
                    .all(|c| terminating_list(&c.body) && !has_break(&c.body))
        }
        _ => false,
    }
}

/// Whether a `break` in `s` refers to the enclosing statement.
fn has_break(s: &[Stmt]) -> bool {
    s.iter().any(|s| match s {
        Stmt::Break => true,
        Stmt::Block(b) => has_break(b),
        Stmt::If(_, t, e) => has_break(t) || has_break(e),
        _ => false,
    })
}

impl<'a> Checker<'a> {
    pub(crate) fn stmts(&mut self, list: &'a [ast::Stmt]) -> Vec<Stmt> {
        let mut out = Vec::new();
        for s in list {
            self.stmt(s, &mut out);
        }
        out
    }

    pub(crate) fn block(&mut self, b: &'a ast::Block) -> Vec<Stmt> {
        self.push_scope();
        let v = self.stmts(&b.stmts);
        self.pop_scope();
        v
    }

    /// Moves the pending statements to `out`.
    pub(crate) fn flush(&mut self, out: &mut Vec<Stmt>) {
        out.append(&mut self.f.pre);
    }

    pub(crate) fn stmt(&mut self, s: &'a ast::Stmt, out: &mut Vec<Stmt>) {
        let saved = std::mem::take(&mut self.f.pre);
        let saved_calls = std::mem::replace(&mut self.f.calls, 0);
        self.stmt_inner(s, out);
        self.f.calls = saved_calls;
        let rest = std::mem::replace(&mut self.f.pre, saved);
        out.extend(rest);
    }

    fn stmt_inner(&mut self, s: &'a ast::Stmt, out: &mut Vec<Stmt>) {
        match s {
            ast::Stmt::Empty | ast::Stmt::Unsupported => {}
            ast::Stmt::Expr(e) => self.expr_stmt(e, out),
            ast::Stmt::Var(specs) => {
                for spec in specs {
                    self.local_var(spec, out);
                }
            }
            ast::Stmt::Const(specs) => {
                for spec in specs {
                    for (i, name) in spec.names.iter().enumerate() {
                        let v = self.const_value(spec, i);
                        let e = match v {
                            Some((t, cv)) => Entity::Const(t, cv),
                            None => Entity::Const(Ty::Invalid, CV::Int(0.into())),
                        };
                        self.declare(name, e, "");
                    }
                }
            }
            ast::Stmt::Define { lhs, rhs, op_pos } => self.define(lhs, rhs, *op_pos, out),
            ast::Stmt::Assign { lhs, rhs, .. } => self.assign(lhs, rhs, out),
            ast::Stmt::OpAssign { op, lhs, rhs, .. } => self.op_assign(op, lhs, Some(rhs), out),
            ast::Stmt::IncDec { lhs, inc, .. } => {
                self.op_assign(if *inc { "+" } else { "-" }, lhs, None, out)
            }
            ast::Stmt::If { .. } => {
                let s = self.if_stmt(s);
                out.push(s);
            }
            ast::Stmt::For {
                init,
                cond,
                post,
                body,
                ..
            } => self.for_stmt(init, cond, post, body, out),
            ast::Stmt::Range {
                key,
                value,
                define,
                x,
                body,
                pos,
            } => self.range_stmt(*pos, key, value, *define, x, body, out),
            ast::Stmt::Switch {
                init, tag, cases, ..
            } => self.switch_stmt(init, tag, cases, out),
            ast::Stmt::Block(b) => {
                let v = self.block(b);
                out.push(Stmt::Block(v));
            }
            ast::Stmt::Break(p) => {
                if self.f.breakable.is_empty() {
                    self.err(*p, "break is not in a loop, switch, or select");
                }
                out.push(Stmt::Break);
            }
            ast::Stmt::Continue(p) => {
                if !self.f.breakable.contains(&true) {
                    self.err(*p, "continue is not in a loop");
                }
                out.push(Stmt::Continue);
            }
            ast::Stmt::Return { pos, values } => self.return_stmt(*pos, values, out),
            ast::Stmt::Send { ch, value, .. } => self.send_stmt(ch, value, out),
            ast::Stmt::Go { pos, call } => self.go_stmt(*pos, call, out),
            ast::Stmt::Select { pos, cases } => self.select_stmt(*pos, cases, out),
        }
    }

    fn expr_stmt(&mut self, e: &'a ast::Expr, out: &mut Vec<Stmt>) {
        let inner = unparen(e);
        let op = if let ast::ExprKind::Call {
            fun, args, rparen, ..
        } = &inner.kind
        {
            self.call(inner, fun, args, *rparen, true)
        } else {
            self.expr(e)
        };
        if let Some(b) = &op.str {
            // A string constant as a statement (an operand of type Invalid here, since
            // strings exist only as print arguments): Go's message and position.
            let text = crate::check::expr::expr_string(e);
            let lit = format!("{:?}", String::from_utf8_lossy(b));
            let d = if text == lit {
                format!("{text} (untyped string constant)")
            } else {
                format!("{text} (untyped string constant {lit})")
            };
            self.err(e.pos, format!("{d} is not used"));
            return;
        }
        if op.is_invalid() {
            return;
        }
        match (&op.ty, &op.kind) {
            (Ty::Void, ExprKind::Const(_)) => {} // print/println/panic: already in `pre`
            (_, ExprKind::Call(..) | ExprKind::Recv(_) | ExprKind::NumGoroutine)
                if op.cv.is_none() =>
            {
                let h = op.hir();
                self.flush(out);
                out.push(Stmt::Expr(h));
            }
            _ => {
                if op.str.is_some() {
                    self.err(
                        op.pos,
                        "strings are only supported as arguments of print, println and panic",
                    );
                    return;
                }
                let d = self.describe(&op);
                self.err(e.pos, format!("{d} is not used"));
            }
        }
    }

    /// The values of a `var` spec: the variables' types and how they are initialized.
    pub(crate) fn var_init(
        &mut self,
        spec: &'a ast::VarSpec,
        ctx: TypeCtx,
    ) -> Option<(Vec<Type>, Init)> {
        let n = spec.names.len();
        let declared = spec
            .ty
            .as_ref()
            .map(|t| self.resolve_type_opt(t, ctx, None));
        if let Some(None) = declared {
            // Invalid type: still check the values.
            for v in &spec.values {
                self.expr(v);
            }
            return None;
        }
        let declared = declared.flatten();
        if spec.values.is_empty() {
            return declared.map(|t| (vec![t; n], Init::Zero));
        }
        let ctxs = "variable declaration";
        if spec.values.len() > n {
            for v in &spec.values {
                self.expr(v);
            }
            let s = expr_string(&spec.values[n]);
            self.err(spec.values[n].pos, format!("extra init expr {s}"));
            return None;
        }
        if n == 2 && spec.values.len() == 1 {
            if let Some(r) = self.comma_ok_recv(&spec.values[0]) {
                let (chan, elem) = r?;
                let types = [elem, Type::Bool];
                if let Some(t) = &declared {
                    for (k, rt) in types.iter().enumerate() {
                        if rt != t {
                            self.comma_ok_mismatch(&spec.values[0], k, rt, t, ctxs);
                            return None;
                        }
                    }
                }
                return Some((types.to_vec(), Init::Recv(chan)));
            }
        }
        if n > 1 && spec.values.len() == 1 {
            let op = self.expr(&spec.values[0]);
            if op.is_invalid() {
                return None;
            }
            if let Ty::Tuple(ts) = &op.ty {
                if ts.len() != n {
                    let s = expr_string(&spec.values[0]);
                    self.err(
                        op.pos,
                        format!(
                            "assignment mismatch: {n} variables but {s} returns {} values",
                            ts.len()
                        ),
                    );
                    return None;
                }
                let ExprKind::Call(f, args) = op.kind.clone() else {
                    return None;
                };
                if let Some(t) = &declared {
                    for rt in ts {
                        if rt != t {
                            self.err(
                                op.pos,
                                format!(
                                    "cannot use {} value as {} value in assignment",
                                    show_type(rt),
                                    show_type(t)
                                ),
                            );
                            return None;
                        }
                    }
                }
                return Some((ts.clone(), Init::Call(f, args)));
            }
            self.count_mismatch(n, 1, &op);
            return None;
        }
        let ops: Vec<Op<'a>> = spec.values.iter().map(|v| self.expr(v)).collect();
        if ops.len() != n {
            if ops.iter().any(|o| o.is_invalid()) {
                return None;
            }
            let o = self.single(ops[0].clone());
            if !o.is_invalid() {
                self.count_mismatch(n, ops.len(), &ops[0]);
            }
            return None;
        }
        let mut types = Vec::new();
        let mut vals = Vec::new();
        let mut ok = true;
        for (i, o) in ops.into_iter().enumerate() {
            let h = match &declared {
                Some(t) => self.assign_conv(o, t, ctxs),
                None => self.default_conv(o, ctxs),
            };
            match h {
                Some(h) => {
                    if ctx == TypeCtx::Global && h.ty.is_pointer() {
                        self.err(spec.names[i].pos, "package-level variables of pointer type are not supported (pointers may only live in locals and parameters)");
                        ok = false;
                    }
                    if ctx == TypeCtx::Global && h.ty.is_chan() {
                        self.err(spec.names[i].pos, "package-level variables of channel type are not supported (channels may only live in locals and parameters)");
                        ok = false;
                    }
                    types.push(h.ty.clone());
                    vals.push(h);
                }
                None => ok = false,
            }
        }
        if ok {
            Some((types, Init::Values(vals)))
        } else {
            None
        }
    }

    fn count_mismatch(&mut self, vars: usize, vals: usize, first: &Op<'a>) {
        let v = if vars == 1 { "variable" } else { "variables" };
        let msg = match (&first.ty, vals) {
            (Ty::Tuple(ts), 1) => {
                let s = first.x.map(expr_string).unwrap_or_default();
                format!(
                    "assignment mismatch: {vars} {v} but {s} returns {} values",
                    ts.len()
                )
            }
            (Ty::Void, 1) => {
                let s = first.x.map(expr_string).unwrap_or_default();
                format!("assignment mismatch: {vars} {v} but {s} returns no values")
            }
            _ => format!(
                "assignment mismatch: {vars} {v} but {vals} value{}",
                if vals == 1 { "" } else { "s" }
            ),
        };
        self.err(first.pos, msg);
    }

    fn local_var(&mut self, spec: &'a ast::VarSpec, out: &mut Vec<Stmt>) {
        let init = self.var_init(spec, TypeCtx::Local);
        let n = spec.names.len();
        let types = match &init {
            Some((t, _)) => t.clone(),
            None => vec![Type::Int; n],
        };
        let ids: Vec<LocalId> = spec
            .names
            .iter()
            .zip(&types)
            .map(|(name, t)| {
                let id = self.new_local(&name.name, t.clone(), name.pos, true);
                if init.is_none() {
                    self.f.info[id.0 as usize].used = true;
                }
                self.declare_local(name, id, "");
                id
            })
            .collect();
        self.flush(out);
        let Some((types, init)) = init else { return };
        let targets: Vec<Option<hir::Expr>> = ids
            .iter()
            .zip(&types)
            .zip(&spec.names)
            .map(|((id, t), n)| (n.name != "_").then(|| local(*id, t, n.pos)))
            .collect();
        match init {
            Init::Zero => {
                for id in ids {
                    out.push(Stmt::Zero(id));
                }
            }
            Init::Values(v) => out.push(Stmt::Assign(targets, v)),
            Init::Call(f, args) => out.push(Stmt::AssignCall(targets, f, args)),
            Init::Recv(chan) => {
                let mut t = targets.into_iter();
                out.push(Stmt::RecvOk {
                    value: t.next().flatten(),
                    ok: t.next().flatten(),
                    chan,
                });
            }
        }
    }

    /// If `e` is a receive `<-x` (possibly parenthesized), as the right side of a
    /// comma-ok assignment: checks `x`; `Some(None)` if it is in error, else the channel
    /// and its element type.
    pub(crate) fn comma_ok_recv(&mut self, e: &'a ast::Expr) -> Option<Option<(hir::Expr, Type)>> {
        let inner = unparen(e);
        let ast::ExprKind::Recv(x) = &inner.kind else {
            return None;
        };
        let o = self.recv(inner, x);
        let (Ty::T(elem), ExprKind::Recv(ch)) = (o.ty, o.kind) else {
            return Some(None);
        };
        Some(Some((*ch, elem)))
    }

    /// Go's error for `v, ok = <-ch` where target `k` (0: the value, 1: `ok`) has type
    /// `want` instead of `got`.
    pub(crate) fn comma_ok_mismatch(
        &mut self,
        e: &ast::Expr,
        k: usize,
        got: &Type,
        want: &Type,
        ctx: &str,
    ) {
        let s = expr_string(e);
        let msg = if k == 0 {
            format!(
                "cannot use {s} (value of type {}) as type {} in {ctx}",
                show_type(got),
                show_type(want)
            )
        } else {
            format!(
                "cannot use {s} (untyped bool value) as {} value in {ctx}",
                show_type(want)
            )
        };
        self.err(e.pos, msg);
    }

    fn define(
        &mut self,
        lhs: &'a [ast::Expr],
        rhs: &'a [ast::Expr],
        op_pos: Pos,
        out: &mut Vec<Stmt>,
    ) {
        // The left side must be names.
        let mut names = Vec::new();
        let mut bad = false;
        for l in lhs {
            match &l.kind {
                ast::ExprKind::Ident(n) => names.push(ast::Ident {
                    name: n.clone(),
                    pos: l.pos,
                }),
                _ => {
                    let s = expr_string(l);
                    self.err(l.pos, format!("non-name {s} on left side of :="));
                    bad = true;
                }
            }
        }
        // Values.
        let n = lhs.len();
        let mut values: Option<(Vec<Type>, Init)> = None;
        let mut ops_typed: Vec<Option<Op<'a>>> = Vec::new();
        let recv = if n == 2 && rhs.len() == 1 {
            self.comma_ok_recv(&rhs[0])
        } else {
            None
        };
        if let Some(r) = recv {
            if let Some((chan, elem)) = r {
                values = Some((vec![elem, Type::Bool], Init::Recv(chan)));
            }
        } else if n > 1 && rhs.len() == 1 {
            let op = self.expr(&rhs[0]);
            if !op.is_invalid() {
                if let Ty::Tuple(ts) = &op.ty {
                    if ts.len() == n {
                        if let ExprKind::Call(f, args) = op.kind.clone() {
                            values = Some((ts.clone(), Init::Call(f, args)));
                        }
                    } else {
                        self.count_mismatch(n, 1, &op);
                    }
                } else {
                    let o = self.single(op.clone());
                    if !o.is_invalid() {
                        self.count_mismatch(n, 1, &op);
                    }
                }
            }
        } else {
            let ops: Vec<Op<'a>> = rhs.iter().map(|v| self.expr(v)).collect();
            if ops.len() != n {
                if !ops.iter().any(|o| o.is_invalid()) {
                    let o = self.single(ops[0].clone());
                    if !o.is_invalid() {
                        self.count_mismatch(n, ops.len(), &ops[0]);
                    }
                }
            } else {
                ops_typed = ops.into_iter().map(Some).collect();
            }
        }
        if bad {
            return;
        }
        // Which names are new?
        let mut any_new = false;
        let mut targets: Vec<(Option<LocalId>, bool)> = Vec::new(); // (existing, is_blank)
        let mut seen = std::collections::HashSet::new();
        for name in &names {
            if name.name == "_" {
                targets.push((None, true));
                any_new |= false;
                continue;
            }
            if !seen.insert(name.name.clone()) {
                self.err(
                    name.pos,
                    format!("{} repeated on left side of :=", name.name),
                );
                return;
            }
            match self.f.scopes.last().unwrap().get(&name.name) {
                Some(Entity::Local(id)) => targets.push((Some(*id), false)),
                Some(_) => {
                    self.err(name.pos, format!("cannot assign to {}", name.name));
                    return;
                }
                None => {
                    any_new = true;
                    targets.push((None, false));
                }
            }
        }
        if !any_new {
            self.err(op_pos, "no new variables on left side of :=");
        }
        // Convert the values.
        let mut types: Vec<Option<Type>> = vec![None; n];
        let mut init = None;
        if let Some((ts, i)) = values {
            let is_recv = matches!(i, Init::Recv(_));
            for (k, t) in ts.iter().enumerate() {
                if let (Some(id), _) = targets[k] {
                    let lt = self.f.locals[id.0 as usize].ty.clone();
                    if &lt != t && is_recv {
                        self.comma_ok_mismatch(&rhs[0], k, t, &lt, "assignment");
                    } else if &lt != t {
                        self.err(
                            rhs[0].pos,
                            format!(
                                "cannot use {} value as {} value in assignment",
                                show_type(t),
                                show_type(&lt)
                            ),
                        );
                    }
                }
                types[k] = Some(t.clone());
            }
            init = Some(i);
        } else if !ops_typed.is_empty() {
            let mut vals = Vec::new();
            let mut ok = true;
            for (k, o) in ops_typed.into_iter().enumerate() {
                let o = o.unwrap();
                let h = match targets[k] {
                    (Some(id), _) => {
                        let lt = self.f.locals[id.0 as usize].ty.clone();
                        self.assign_conv(o, &lt, "assignment")
                    }
                    _ => self.default_conv(o, "assignment"),
                };
                match h {
                    Some(h) => {
                        types[k] = Some(h.ty.clone());
                        vals.push(h);
                    }
                    None => ok = false,
                }
            }
            if ok {
                init = Some(Init::Values(vals));
            }
        }
        // Declare the new variables.
        let mut lhs_exprs = Vec::new();
        for (k, name) in names.iter().enumerate() {
            let (existing, blank) = targets[k];
            if blank {
                lhs_exprs.push(None);
                continue;
            }
            let id = match existing {
                Some(id) => id,
                None => {
                    let t = types[k].clone().unwrap_or(Type::Int);
                    let id = self.new_local(&name.name, t, name.pos, true);
                    if types[k].is_none() {
                        self.f.info[id.0 as usize].used = true;
                    }
                    self.declare_local(name, id, "");
                    id
                }
            };
            let t = self.f.locals[id.0 as usize].ty.clone();
            lhs_exprs.push(Some(local(id, &t, name.pos)));
        }
        self.flush(out);
        match init {
            Some(Init::Values(v)) => out.push(Stmt::Assign(lhs_exprs, v)),
            Some(Init::Call(f, args)) => out.push(Stmt::AssignCall(lhs_exprs, f, args)),
            Some(Init::Recv(chan)) => {
                let mut t = lhs_exprs.into_iter();
                out.push(Stmt::RecvOk {
                    value: t.next().flatten(),
                    ok: t.next().flatten(),
                    chan,
                });
            }
            _ => {}
        }
    }

    /// A left side of `=`: `None` for `_`.
    pub(crate) fn lhs_expr(&mut self, l: &'a ast::Expr) -> Result<Option<hir::Expr>, ()> {
        let inner = unparen(l);
        if let ast::ExprKind::Ident(n) = &inner.kind {
            if n == "_" {
                return Ok(None);
            }
        }
        let op = if let ast::ExprKind::Ident(n) = &inner.kind {
            self.ident(inner, n, true)
        } else {
            self.value(l)
        };
        if op.is_invalid() {
            return Err(());
        }
        let h = op.clone().hir();
        if op.cv.is_some() || !matches!(op.ty, Ty::T(_)) || !op.var || !addressable(&h) {
            let d = self.describe(&op);
            if op.cv.is_some() {
                self.err(l.pos, format!("cannot assign to {d}"));
            } else {
                self.err(
                    l.pos,
                    format!(
                        "cannot assign to {d} (neither addressable nor a map index expression)"
                    ),
                );
            }
            return Err(());
        }
        Ok(Some(h))
    }

    fn assign(&mut self, lhs: &'a [ast::Expr], rhs: &'a [ast::Expr], out: &mut Vec<Stmt>) {
        // A name on the left is reported (say, undefined) only if the right side checks
        // without error: Go checks the right side first and then only "uses" such names.
        let mut deferred = Vec::new();
        let mut targets = Vec::new();
        for l in lhs {
            let before = self.errs.len();
            targets.push(self.lhs_expr(l));
            if matches!(unparen(l).kind, ast::ExprKind::Ident(_)) {
                deferred.extend(self.errs.drain(before..));
            }
        }
        let before = self.errs.len();
        self.assign_to(targets, lhs, rhs, out);
        if self.errs.len() == before {
            self.errs.append(&mut deferred);
        } else {
            // And a variable assigned a value that failed to check counts as used.
            for l in lhs {
                if let ast::ExprKind::Ident(n) = &unparen(l).kind {
                    if let Some(Entity::Local(id)) = self.lookup(n) {
                        self.f.info[id.0 as usize].used = true;
                    }
                }
            }
        }
    }

    fn assign_to(
        &mut self,
        targets: Vec<Result<Option<hir::Expr>, ()>>,
        lhs: &'a [ast::Expr],
        rhs: &'a [ast::Expr],
        out: &mut Vec<Stmt>,
    ) {
        let n = lhs.len();
        if n == 2 && rhs.len() == 1 {
            if let Some(r) = self.comma_ok_recv(&rhs[0]) {
                let Some((chan, elem)) = r else { return };
                let mut ok = true;
                let mut tl = Vec::new();
                for (k, t) in targets.into_iter().enumerate() {
                    let rt = if k == 0 { elem.clone() } else { Type::Bool };
                    match t {
                        Ok(Some(h)) => {
                            if h.ty != rt {
                                self.comma_ok_mismatch(&rhs[0], k, &rt, &h.ty, "assignment");
                                ok = false;
                            }
                            tl.push(Some(h));
                        }
                        Ok(None) => tl.push(None),
                        Err(()) => ok = false,
                    }
                }
                if ok {
                    self.flush(out);
                    let mut t = tl.into_iter();
                    out.push(Stmt::RecvOk {
                        value: t.next().flatten(),
                        ok: t.next().flatten(),
                        chan,
                    });
                }
                return;
            }
        }
        if n > 1 && rhs.len() == 1 {
            let op = self.expr(&rhs[0]);
            if op.is_invalid() {
                return;
            }
            if let Ty::Tuple(ts) = &op.ty {
                if ts.len() != n {
                    self.count_mismatch(n, 1, &op);
                    return;
                }
                let mut ok = true;
                let mut tl = Vec::new();
                for (t, rt) in targets.into_iter().zip(ts) {
                    match t {
                        Ok(Some(h)) => {
                            if &h.ty != rt {
                                self.err(
                                    op.pos,
                                    format!(
                                        "cannot use {} value as {} value in assignment",
                                        show_type(rt),
                                        show_type(&h.ty)
                                    ),
                                );
                                ok = false;
                            }
                            tl.push(Some(h));
                        }
                        Ok(None) => tl.push(None),
                        Err(()) => ok = false,
                    }
                }
                if let (true, ExprKind::Call(f, args)) = (ok, op.kind.clone()) {
                    self.flush(out);
                    out.push(Stmt::AssignCall(tl, f, args));
                }
                return;
            }
            let o = self.single(op.clone());
            if !o.is_invalid() {
                self.count_mismatch(n, 1, &op);
            }
            return;
        }
        let ops: Vec<Op<'a>> = rhs.iter().map(|v| self.expr(v)).collect();
        if ops.len() != n {
            if !ops.iter().any(|o| o.is_invalid()) {
                let o = self.single(ops[0].clone());
                if !o.is_invalid() {
                    self.count_mismatch(n, ops.len(), &ops[0]);
                }
            }
            return;
        }
        let mut ok = true;
        let mut tl = Vec::new();
        let mut vals = Vec::new();
        for (t, o) in targets.into_iter().zip(ops) {
            match t {
                Ok(Some(h)) => {
                    match self.assign_conv(o, &h.ty, "assignment") {
                        Some(v) => vals.push(v),
                        None => ok = false,
                    }
                    tl.push(Some(h));
                }
                Ok(None) => {
                    match self.default_conv(o, "assignment") {
                        Some(v) => vals.push(v),
                        None => ok = false,
                    }
                    tl.push(None);
                }
                Err(()) => {
                    let _ = self.single(o);
                    ok = false;
                }
            }
        }
        if ok {
            self.flush(out);
            out.push(Stmt::Assign(tl, vals));
        }
    }

    fn op_assign(
        &mut self,
        op: &'static str,
        l: &'a ast::Expr,
        r: Option<&'a ast::Expr>,
        out: &mut Vec<Stmt>,
    ) {
        let x = self.value(l);
        let y = r.map(|r| self.value(r));
        if x.is_invalid() || y.as_ref().is_some_and(|y| y.is_invalid()) {
            return;
        }
        let h = x.clone().hir();
        if x.cv.is_some() || !x.var || !addressable(&h) {
            let d = self.describe(&x);
            self.err(
                l.pos,
                format!("cannot assign to {d} (neither addressable nor a map index expression)"),
            );
            return;
        }
        if h.ty != Type::Int {
            let d = self.describe(&x);
            match r {
                None => {
                    let s = expr_string(l);
                    self.err(
                        l.pos,
                        format!(
                            "invalid operation: {s}{op}{op} (non-numeric type {})",
                            show_type(&h.ty)
                        ),
                    );
                }
                Some(_) => {
                    self.err(
                        l.pos,
                        format!("invalid operation: operator {op} not defined on {d}"),
                    );
                }
            }
            return;
        }
        let bop = match op {
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
            _ => BinOp::Shr,
        };
        let rh = match y {
            None => hir::Expr {
                kind: ExprKind::Const(1),
                ty: Type::Int,
                pos: l.pos,
            },
            Some(y) => {
                if op == "<<" || op == ">>" {
                    match (&y.ty, &y.cv) {
                        (Ty::UntypedInt | Ty::T(Type::Int), Some(CV::Int(v))) => {
                            use num_traits::Signed;
                            if v.is_negative() {
                                let d = self.describe(&y);
                                self.err(
                                    y.pos,
                                    format!("invalid operation: negative shift count {d}"),
                                );
                                return;
                            }
                            let v = if super::consts::fits_int(v) {
                                CV::Int(v.clone()).to_i64().unwrap()
                            } else {
                                1000
                            };
                            hir::Expr {
                                kind: ExprKind::Const(v),
                                ty: Type::Int,
                                pos: y.pos,
                            }
                        }
                        (Ty::T(Type::Int), None) => y.hir(),
                        _ => {
                            let d = self.describe(&y);
                            self.err(
                                y.pos,
                                format!("invalid operation: shift count {d} must be integer"),
                            );
                            return;
                        }
                    }
                } else {
                    if !matches!(y.ty, Ty::UntypedInt | Ty::T(Type::Int)) {
                        let s = format!(
                            "{} {op}= {}",
                            expr_string(l),
                            r.map(expr_string).unwrap_or_default()
                        );
                        self.err(
                            l.pos,
                            format!(
                                "invalid operation: {s} (mismatched types int and {})",
                                y.ty.show()
                            ),
                        );
                        return;
                    }
                    if (op == "/" || op == "%")
                        && matches!(&y.cv, Some(CV::Int(v)) if num_traits::Zero::is_zero(v))
                    {
                        self.err(y.pos, "invalid operation: division by zero");
                        return;
                    }
                    match self.assign_conv(y, &Type::Int, "assignment") {
                        Some(h) => h,
                        None => return,
                    }
                }
            }
        };
        self.flush(out);
        out.push(Stmt::OpAssign(bop, h, rh));
    }

    /// A condition: a boolean expression.
    fn cond(&mut self, e: &'a ast::Expr, what: &str) -> hir::Expr {
        let op = self.value(e);
        let bad = hir::Expr {
            kind: ExprKind::Const(0),
            ty: Type::Bool,
            pos: e.pos,
        };
        if op.is_invalid() {
            return bad;
        }
        if !matches!(op.ty, Ty::UntypedBool | Ty::T(Type::Bool)) {
            let d = self.describe(&op);
            let _ = d;
            self.err(e.pos, format!("non-boolean condition in {what} statement"));
            return bad;
        }
        self.assign_conv(op, &Type::Bool, "condition")
            .unwrap_or(bad)
    }

    fn simple(&mut self, s: &'a Option<Box<ast::Stmt>>, out: &mut Vec<Stmt>) {
        if let Some(s) = s {
            self.stmt(s, out);
        }
    }

    fn if_stmt(&mut self, s: &'a ast::Stmt) -> Stmt {
        let ast::Stmt::If {
            init,
            cond,
            then,
            els,
            ..
        } = s
        else {
            unreachable!()
        };
        self.push_scope();
        let mut out = Vec::new();
        self.simple(init, &mut out);
        let c = self.cond(cond, "if");
        self.flush(&mut out);
        let t = self.block(then);
        let e = match els.as_deref() {
            None => Vec::new(),
            Some(ast::Stmt::Block(b)) => self.block(b),
            Some(s2) => vec![self.if_stmt(s2)],
        };
        self.pop_scope();
        out.push(Stmt::If(c, t, e));
        if out.len() == 1 {
            out.pop().unwrap()
        } else {
            Stmt::Block(out)
        }
    }

    fn for_stmt(
        &mut self,
        init: &'a Option<Box<ast::Stmt>>,
        cond: &'a Option<ast::Expr>,
        post: &'a Option<Box<ast::Stmt>>,
        body: &'a ast::Block,
        out: &mut Vec<Stmt>,
    ) {
        self.push_scope();
        let mut block = Vec::new();
        self.simple(init, &mut block);
        let mut pre_cond = Vec::new();
        let c = cond.as_ref().map(|c| {
            let saved = std::mem::take(&mut self.f.pre);
            let h = self.cond(c, "for");
            pre_cond = std::mem::replace(&mut self.f.pre, saved);
            h
        });
        let mut p = Vec::new();
        self.simple(post, &mut p);
        self.f.breakable.push(true);
        let mut b = self.block(body);
        self.f.breakable.pop();
        self.pop_scope();
        let c = if pre_cond.is_empty() {
            c
        } else {
            // The condition needs statements: check it at the top of the body.
            let c = c.unwrap();
            let pos = c.pos;
            let mut nb = pre_cond;
            nb.push(Stmt::If(
                hir::Expr {
                    kind: ExprKind::Unary(hir::UnOp::Not, Box::new(c)),
                    ty: Type::Bool,
                    pos,
                },
                vec![Stmt::Break],
                Vec::new(),
            ));
            nb.push(Stmt::Block(b));
            b = nb;
            None
        };
        block.push(Stmt::For {
            cond: c,
            post: p,
            body: b,
        });
        if block.len() == 1 {
            out.push(block.pop().unwrap());
        } else {
            out.push(Stmt::Block(block));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn range_stmt(
        &mut self,
        _pos: Pos,
        key: &'a Option<ast::Expr>,
        value: &'a Option<ast::Expr>,
        define: bool,
        x: &'a ast::Expr,
        body: &'a ast::Block,
        out: &mut Vec<Stmt>,
    ) {
        let mut block = Vec::new();
        let xo = self.value(x);
        self.flush(&mut block);
        if let Ty::T(Type::Chan(el)) = &xo.ty {
            let el = (**el).clone();
            self.range_chan(xo, el, key, value, define, body, block, out);
            return;
        }
        let info = match &xo.ty {
            Ty::Invalid => None,
            Ty::T(Type::Array(n, el)) => Some((*n, (**el).clone(), false)),
            Ty::T(Type::Pointer(t)) if t.is_array() => match &**t {
                Type::Array(n, el) => Some((*n, (**el).clone(), true)),
                _ => None,
            },
            _ => {
                let d = self.describe(&xo);
                self.err(xo.pos, format!("cannot range over {d}"));
                None
            }
        };
        let is_blank = |e: &Option<ast::Expr>| matches!(e, Some(ast::Expr { kind: ast::ExprKind::Ident(n), .. }) if n == "_");
        let want_value = value.is_some() && !is_blank(value);
        self.push_scope();
        // Targets.
        let (n, elem, is_ptr) = info.clone().unwrap_or((0, Type::Int, false));
        let mut key_t: Option<hir::Expr> = None;
        let mut val_t: Option<hir::Expr> = None;
        if define {
            let mut names = Vec::new();
            for (e, t) in [(key, Type::Int), (value, elem.clone())] {
                let Some(e) = e else { continue };
                match &e.kind {
                    ast::ExprKind::Ident(name) => names.push((name.clone(), e.pos, t)),
                    _ => {
                        let s = expr_string(e);
                        self.err(e.pos, format!("non-name {s} on left side of :="));
                    }
                }
            }
            for (i, (name, pos, t)) in names.into_iter().enumerate() {
                if name == "_" {
                    continue;
                }
                let id = self.new_local(&name, t.clone(), pos, true);
                if info.is_none() {
                    self.f.info[id.0 as usize].used = true;
                }
                self.declare_local(&ast::Ident { name, pos }, id, "");
                let h = local(id, &t, pos);
                if i == 0 && key.is_some() {
                    key_t = Some(h);
                } else {
                    val_t = Some(h);
                }
            }
            if key.is_some() && is_blank(key) {
                // `_, v := range`: the value target came first in `names` after `_`.
                if key_t.is_some() && val_t.is_none() {
                    val_t = key_t.take();
                }
            }
        } else {
            if let Some(k) = key {
                if let Ok(Some(h)) = self.lhs_expr(k) {
                    if info.is_some() && h.ty != Type::Int {
                        self.err(
                            k.pos,
                            format!(
                                "cannot use int value as {} value in range",
                                show_type(&h.ty)
                            ),
                        );
                    }
                    key_t = Some(h);
                }
            }
            if let Some(v) = value {
                if let Ok(Some(h)) = self.lhs_expr(v) {
                    if info.is_some() && h.ty != elem {
                        self.err(
                            v.pos,
                            format!(
                                "cannot use {} value as {} value in range",
                                show_type(&elem),
                                show_type(&h.ty)
                            ),
                        );
                    }
                    val_t = Some(h);
                }
            }
        }
        self.f.breakable.push(true);
        let user_body = self.block(body);
        self.f.breakable.pop();
        self.pop_scope();
        let Some(_) = info else { return };
        // The operand: evaluated once when needed.
        let xo_call = xo.has_call;
        let xh = xo.hir();
        let xt = xh.ty.clone();
        let base: Option<hir::Expr> = if want_value || xo_call {
            let t = self.temp(xt.clone());
            block.push(Stmt::Assign(
                vec![Some(local(t, &xt, xh.pos))],
                vec![xh.clone()],
            ));
            Some(local(t, &xt, xh.pos))
        } else {
            None
        };
        let i = self.temp(Type::Int);
        let iv = local(i, &Type::Int, xh.pos);
        block.push(Stmt::Assign(
            vec![Some(iv.clone())],
            vec![hir::Expr {
                kind: ExprKind::Const(0),
                ty: Type::Int,
                pos: xh.pos,
            }],
        ));
        let mut b = Vec::new();
        if let Some(k) = key_t {
            b.push(Stmt::Assign(vec![Some(k)], vec![iv.clone()]));
        }
        if let (Some(v), true) = (val_t, want_value) {
            let base = base.unwrap();
            let _ = is_ptr;
            let el = hir::Expr {
                kind: ExprKind::Index(Box::new(base), Box::new(iv.clone())),
                ty: elem.clone(),
                pos: xh.pos,
            };
            b.push(Stmt::Assign(vec![Some(v)], vec![el]));
        }
        b.push(Stmt::Block(user_body));
        block.push(Stmt::For {
            cond: Some(hir::Expr {
                kind: ExprKind::Binary(
                    BinOp::Lt,
                    Box::new(iv.clone()),
                    Box::new(hir::Expr {
                        kind: ExprKind::Const(n as i64),
                        ty: Type::Int,
                        pos: xh.pos,
                    }),
                ),
                ty: Type::Bool,
                pos: xh.pos,
            }),
            post: vec![Stmt::OpAssign(
                BinOp::Add,
                iv,
                hir::Expr {
                    kind: ExprKind::Const(1),
                    ty: Type::Int,
                    pos: xh.pos,
                },
            )],
            body: b,
        });
        out.push(Stmt::Block(block));
    }

    fn switch_stmt(
        &mut self,
        init: &'a Option<Box<ast::Stmt>>,
        tag: &'a Option<ast::Expr>,
        cases: &'a [ast::CaseClause],
        out: &mut Vec<Stmt>,
    ) {
        self.push_scope();
        let mut block = Vec::new();
        self.simple(init, &mut block);
        // The tag, evaluated once.
        let mut tag_h: Option<hir::Expr> = None;
        let mut tag_ok = true;
        if let Some(t) = tag {
            let op = self.value(t);
            if op.is_invalid() {
                tag_ok = false;
            } else if let Some(h) = self.default_conv(op, "switch expression") {
                let tmp = self.temp(h.ty.clone());
                let pos = h.pos;
                let ty = h.ty.clone();
                self.flush(&mut block);
                block.push(Stmt::Assign(vec![Some(local(tmp, &ty, pos))], vec![h]));
                tag_h = Some(local(tmp, &ty, pos));
            } else {
                tag_ok = false;
            }
        }
        self.flush(&mut block);
        let mut hcases = Vec::new();
        let mut default: Option<Vec<Stmt>> = None;
        // The integer constants of the cases so far: a hash set, so that a switch with many
        // cases is checked in linear time (issue 9).
        let mut seen: std::collections::HashSet<num_bigint::BigInt> =
            std::collections::HashSet::new();
        self.f.breakable.push(false);
        for c in cases {
            let mut conds = Vec::new();
            if let Some(exprs) = &c.exprs {
                for e in exprs {
                    let op = self.value(e);
                    if op.is_invalid() || !tag_ok {
                        continue;
                    }
                    let cv = op.cv.clone();
                    let h = match &tag_h {
                        Some(th) => {
                            // tag == e
                            let t = th.ty.clone();
                            let compatible = match &op.ty {
                                Ty::T(ot) => *ot == t,
                                Ty::UntypedInt => t == Type::Int,
                                Ty::UntypedBool => t == Type::Bool,
                                Ty::UntypedNil => t.is_pointer() || t.is_chan(),
                                _ => false,
                            };
                            if !compatible {
                                let s = expr_string(e);
                                self.err(
                                    e.pos,
                                    format!(
                                        "invalid case {s} in switch on {} (mismatched types {} and {})",
                                        tag.as_ref().map(expr_string).unwrap_or_default(),
                                        op.ty.show(),
                                        show_type(&t)
                                    ),
                                );
                                continue;
                            }
                            let Some(eh) = self.assign_conv(op, &t, "switch case") else {
                                continue;
                            };
                            hir::Expr {
                                kind: ExprKind::Binary(
                                    BinOp::Eq,
                                    Box::new(th.clone()),
                                    Box::new(eh),
                                ),
                                ty: Type::Bool,
                                pos: e.pos,
                            }
                        }
                        None => {
                            if !matches!(op.ty, Ty::UntypedBool | Ty::T(Type::Bool)) {
                                let s = expr_string(e);
                                self.err(
                                    e.pos,
                                    format!(
                                        "invalid case {s} in switch (mismatched types {} and bool)",
                                        op.ty.show()
                                    ),
                                );
                                continue;
                            }
                            match self.assign_conv(op, &Type::Bool, "switch case") {
                                Some(h) => h,
                                None => continue,
                            }
                        }
                    };
                    if let Some(CV::Int(n)) = cv {
                        let cv = CV::Int(n.clone());
                        if !seen.insert(n) {
                            let s = expr_string(e);
                            let t = tag_h
                                .as_ref()
                                .map(|h| show_type(&h.ty))
                                .unwrap_or("bool".into());
                            let d = if s == cv.show() {
                                format!("{s} (constant of type {t})")
                            } else {
                                format!("{s} (constant {} of type {t})", cv.show())
                            };
                            self.err(e.pos, format!("duplicate case {d} in expression switch"));
                        }
                    }
                    if !self.f.pre.is_empty() {
                        self.f.pre.clear();
                        self.err(e.pos, "a case expression that calls a function with several results is not supported");
                    }
                    conds.push(h);
                }
            }
            self.push_scope();
            let body = self.stmts(&c.body);
            self.pop_scope();
            match &c.exprs {
                None => {
                    if default.is_some() {
                        self.err(c.pos, "multiple defaults in switch");
                    }
                    default = Some(body);
                }
                Some(_) => hcases.push(hir::Case { conds, body }),
            }
        }
        self.f.breakable.pop();
        self.pop_scope();
        block.push(Stmt::Switch {
            cases: hcases,
            default,
        });
        if block.len() == 1 {
            out.push(block.pop().unwrap());
        } else {
            out.push(Stmt::Block(block));
        }
    }

    fn return_stmt(&mut self, pos: Pos, values: &'a [ast::Expr], out: &mut Vec<Stmt>) {
        let results = self.f.results.clone();
        if values.is_empty() {
            if results.is_empty() {
                out.push(Stmt::Return(Vec::new()));
                return;
            }
            if self.f.result_names.is_empty() {
                self.err(
                    pos,
                    format!(
                        "not enough return values\n\thave ()\n\twant {}",
                        Ty::Tuple(results.clone()).show()
                    ),
                );
                out.push(Stmt::Return(Vec::new()));
                return;
            }
            let names = self.f.result_names.clone();
            let mut vals = Vec::new();
            for (k, (name, id)) in names.iter().enumerate() {
                if name != "_" {
                    if let Some(Entity::Local(other)) = self.lookup(name) {
                        if other != *id {
                            self.err(
                                pos,
                                format!("result parameter {name} not in scope at return"),
                            );
                        }
                    }
                }
                vals.push(local(*id, &results[k], pos));
            }
            out.push(Stmt::Return(vals));
            return;
        }
        if results.is_empty() {
            for v in values {
                self.expr(v);
            }
            self.err(values[0].pos, "too many return values");
            out.push(Stmt::Return(Vec::new()));
            return;
        }
        if values.len() == 1 && results.len() > 1 {
            let op = self.expr(&values[0]);
            if op.is_invalid() {
                out.push(Stmt::Return(Vec::new()));
                return;
            }
            if let Ty::Tuple(ts) = &op.ty {
                if *ts == results {
                    if let ExprKind::Call(f, args) = op.kind.clone() {
                        let temps: Vec<LocalId> = ts.iter().map(|t| self.temp(t.clone())).collect();
                        let lhs = temps
                            .iter()
                            .zip(ts)
                            .map(|(l, t)| Some(local(*l, t, op.pos)))
                            .collect();
                        self.flush(out);
                        out.push(Stmt::AssignCall(lhs, f, args));
                        out.push(Stmt::Return(
                            temps
                                .iter()
                                .zip(ts)
                                .map(|(l, t)| local(*l, t, op.pos))
                                .collect(),
                        ));
                        return;
                    }
                }
                let which = if ts.len() > results.len() {
                    "too many"
                } else {
                    "not enough"
                };
                self.err(
                    op.pos,
                    format!(
                        "{which} return values\n\thave {}\n\twant {}",
                        op.ty.show(),
                        Ty::Tuple(results.clone()).show()
                    ),
                );
            } else {
                let o = self.single(op);
                if !o.is_invalid() {
                    self.err(
                        values[0].pos,
                        format!(
                            "not enough return values\n\thave (…)\n\twant {}",
                            Ty::Tuple(results.clone()).show()
                        ),
                    );
                }
            }
            out.push(Stmt::Return(Vec::new()));
            return;
        }
        let ops: Vec<Op<'a>> = values.iter().map(|v| self.expr(v)).collect();
        if ops.len() != results.len() {
            if ops.len() > results.len() {
                self.err(values[results.len()].pos, "too many return values");
            } else {
                self.err(values[values.len() - 1].pos, "not enough return values");
            }
            out.push(Stmt::Return(Vec::new()));
            return;
        }
        let mut vals = Vec::new();
        for (o, t) in ops.into_iter().zip(&results) {
            match self.assign_conv(o, t, "return statement") {
                Some(h) => vals.push(h),
                None => vals.push(hir::Expr {
                    kind: ExprKind::Const(0),
                    ty: t.clone(),
                    pos,
                }),
            }
        }
        self.flush(out);
        out.push(Stmt::Return(vals));
    }
}

//! The goroutine statements: `go`, send, `select` and `range` over a channel (receives,
//! `make`, `close` and the `runtime` calls are expressions and builtins, in `expr`).

use super::expr::{expr_string, Op};
use super::hir::{self, Comm, ExprKind, LocalId, Pos, SelectCase, Stmt, Type};
use super::stmt::local;
use super::{Checker, Ty};
use crate::syntax::ast;

/// Go's error for a `select` case that is not a communication.
const NOT_COMM: &str = "select case must be send or receive (possibly with assignment)";

fn unparen(e: &ast::Expr) -> &ast::Expr {
    match &e.kind {
        ast::ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}

/// Where gc places an expression node (not always its first token): the operator of a
/// binary operation, the `(` of a call, the `[` of an index.
fn node_pos(e: &ast::Expr) -> Pos {
    match &e.kind {
        ast::ExprKind::Binary(_, _, _, op) => *op,
        ast::ExprKind::Call { lparen, .. } => *lparen,
        ast::ExprKind::Index(_, _, lbrack) => *lbrack,
        _ => e.pos,
    }
}

/// How a checked `select` case communicates, and the statements its body starts with.
type CommOut = (Comm, Vec<Stmt>);

impl<'a> Checker<'a> {
    /// `ch <- value`.
    pub(crate) fn send_stmt(
        &mut self,
        ch: &'a ast::Expr,
        value: &'a ast::Expr,
        out: &mut Vec<Stmt>,
    ) {
        let Some((chan, value)) = self.send_operands(ch, value) else {
            return;
        };
        self.flush(out);
        out.push(Stmt::Send { chan, value });
    }

    /// The operands of a send: the channel and the value converted to its element type.
    fn send_operands(
        &mut self,
        ch: &'a ast::Expr,
        value: &'a ast::Expr,
    ) -> Option<(hir::Expr, hir::Expr)> {
        let c = self.value(ch);
        let v = self.value(value);
        if c.is_invalid() || v.is_invalid() {
            return None;
        }
        let Ty::T(Type::Chan(elem)) = &c.ty else {
            let d = self.describe(&c);
            self.err(
                c.pos,
                format!("invalid operation: cannot send to non-channel {d}"),
            );
            return None;
        };
        let elem = (**elem).clone();
        let vh = self.assign_conv(v, &elem, "send")?;
        Some((c.hir(), vh))
    }

    /// `go f(args)`.
    pub(crate) fn go_stmt(&mut self, pos: Pos, call: &'a ast::Expr, out: &mut Vec<Stmt>) {
        let Some((func, args)) = self.go_call(call) else {
            return;
        };
        self.flush(out);
        out.push(Stmt::Go { func, args, pos });
    }

    /// A hidden local assigned `e` at the end of `block` (after the pending statements).
    fn hoist(&mut self, e: hir::Expr, block: &mut Vec<Stmt>) -> hir::Expr {
        let t = self.temp(e.ty.clone());
        let pos = e.pos;
        let ty = e.ty.clone();
        self.flush(block);
        block.push(Stmt::Assign(vec![Some(local(t, &ty, pos))], vec![e]));
        local(t, &ty, pos)
    }

    /// `select { cases }`: the channels and send values are evaluated into hidden locals
    /// in `out` first, in source order.
    pub(crate) fn select_stmt(
        &mut self,
        pos: Pos,
        cases: &'a [ast::CommClause],
        out: &mut Vec<Stmt>,
    ) {
        let mut block = Vec::new();
        let mut hcases = Vec::new();
        let mut default: Option<Vec<Stmt>> = None;
        let mut first_default: Option<Pos> = None;
        self.f.breakable.push(false);
        for c in cases {
            self.push_scope();
            match &c.comm {
                None => {
                    if let Some(p) = first_default {
                        self.err(
                            c.pos,
                            format!("multiple defaults (first at {}:{})", p.line, p.col),
                        );
                    } else {
                        first_default = Some(c.pos);
                    }
                    let body = self.stmts(&c.body);
                    if default.is_none() {
                        default = Some(body);
                    }
                }
                Some(comm) => match self.comm(comm, &mut block) {
                    // Not a communication: Go checks neither the case nor its body.
                    Err(()) => {}
                    Ok(r) => {
                        let body = self.stmts(&c.body);
                        if let Some((comm, mut prefix)) = r {
                            prefix.extend(body);
                            hcases.push(SelectCase { comm, body: prefix });
                        }
                    }
                },
            }
            self.pop_scope();
        }
        self.f.breakable.pop();
        self.flush(&mut block);
        block.push(Stmt::Select {
            cases: hcases,
            default,
            pos,
        });
        if block.len() == 1 {
            out.extend(block);
        } else {
            out.push(Stmt::Block(block));
        }
    }

    /// The communication of a `select` case (in the case's scope): `Err` if it is not one
    /// (reported), `Ok(None)` if it is one with an error.
    fn comm(&mut self, s: &'a ast::Stmt, block: &mut Vec<Stmt>) -> Result<Option<CommOut>, ()> {
        match s {
            ast::Stmt::Send { ch, value, .. } => {
                let Some((chan, value)) = self.send_operands(ch, value) else {
                    return Ok(None);
                };
                let chan = self.hoist(chan, block);
                let value = self.hoist(value, block);
                Ok(Some((Comm::Send { chan, value }, Vec::new())))
            }
            ast::Stmt::Expr(e) => {
                let inner = unparen(e);
                let ast::ExprKind::Recv(x) = &inner.kind else {
                    self.err(node_pos(e), NOT_COMM);
                    return Err(());
                };
                let o = self.recv(inner, x);
                let ExprKind::Recv(ch) = o.kind else {
                    return Ok(None);
                };
                let chan = self.hoist(*ch, block);
                Ok(Some((
                    Comm::Recv {
                        chan,
                        value: None,
                        ok: None,
                    },
                    Vec::new(),
                )))
            }
            ast::Stmt::Define { lhs, rhs, op_pos } => {
                let Some((chan, _)) = self.comm_recv(lhs, rhs, block)? else {
                    // Declare the names all the same (as Go does), to check the body.
                    for l in lhs {
                        if let ast::ExprKind::Ident(n) = &l.kind {
                            let id = self.new_local(n, Type::Int, l.pos, false);
                            let ident = ast::Ident {
                                name: n.clone(),
                                pos: l.pos,
                            };
                            self.declare_local(&ident, id, "");
                        }
                    }
                    return Ok(None);
                };
                Ok(self.comm_define(lhs, *op_pos, chan))
            }
            ast::Stmt::Assign { lhs, rhs, .. } => {
                let Some((chan, elem)) = self.comm_recv(lhs, rhs, block)? else {
                    return Ok(None);
                };
                Ok(self.comm_assign(lhs, rhs, chan, elem))
            }
            ast::Stmt::OpAssign { lhs, .. } | ast::Stmt::IncDec { lhs, .. } => {
                self.err(lhs.pos, NOT_COMM);
                Err(())
            }
            // Already reported (outside the subset), or impossible after `case`.
            _ => Err(()),
        }
    }

    /// The receive on the right of `case lhs := <-ch` / `case lhs = <-ch`: the channel,
    /// hoisted, and its element type.
    fn comm_recv(
        &mut self,
        lhs: &'a [ast::Expr],
        rhs: &'a [ast::Expr],
        block: &mut Vec<Stmt>,
    ) -> Result<Option<(hir::Expr, Type)>, ()> {
        let is_recv = rhs.len() == 1 && matches!(unparen(&rhs[0]).kind, ast::ExprKind::Recv(_));
        if !is_recv {
            self.err(lhs[0].pos, NOT_COMM);
            return Err(());
        }
        let Some(Some((ch, elem))) = self.comma_ok_recv(&rhs[0]) else {
            return Ok(None);
        };
        if lhs.len() > 2 {
            self.err(
                rhs[0].pos,
                format!("assignment mismatch: {} variables but 1 value", lhs.len()),
            );
            return Ok(None);
        }
        let chan = self.hoist(ch, block);
        Ok(Some((chan, elem)))
    }

    /// `case v := <-ch:` / `case v, ok := <-ch:`: the new variables receive directly.
    fn comm_define(
        &mut self,
        lhs: &'a [ast::Expr],
        op_pos: Pos,
        chan: hir::Expr,
    ) -> Option<CommOut> {
        let Type::Chan(elem) = chan.ty.clone() else {
            return None;
        };
        let mut names = Vec::new();
        for l in lhs {
            match &l.kind {
                ast::ExprKind::Ident(n) => names.push(ast::Ident {
                    name: n.clone(),
                    pos: l.pos,
                }),
                _ => {
                    let s = expr_string(l);
                    self.err(l.pos, format!("non-name {s} on left side of :="));
                    return None;
                }
            }
        }
        if names.len() == 2 && names[0].name == names[1].name && names[0].name != "_" {
            self.err(
                names[1].pos,
                format!("{} repeated on left side of :=", names[1].name),
            );
            return None;
        }
        if names.iter().all(|n| n.name == "_") {
            self.err(op_pos, "no new variables on left side of :=");
            return None;
        }
        let mut ids = Vec::new();
        for (k, n) in names.iter().enumerate() {
            if n.name == "_" {
                ids.push(None);
                continue;
            }
            let t = if k == 0 { (*elem).clone() } else { Type::Bool };
            let id = self.new_local(&n.name, t.clone(), n.pos, true);
            self.declare_local(n, id, "");
            ids.push(Some(local(id, &t, n.pos)));
        }
        let mut it = ids.into_iter();
        Some((
            Comm::Recv {
                chan,
                value: it.next().flatten(),
                ok: it.next().flatten(),
            },
            Vec::new(),
        ))
    }

    /// `case x = <-ch:` / `case x, ok = <-ch:`: the case receives into hidden locals and
    /// its body starts by assigning them (Go evaluates the left side only once the case is
    /// chosen).
    fn comm_assign(
        &mut self,
        lhs: &'a [ast::Expr],
        rhs: &'a [ast::Expr],
        chan: hir::Expr,
        elem: Type,
    ) -> Option<CommOut> {
        let saved = std::mem::take(&mut self.f.pre);
        let targets: Vec<Result<Option<hir::Expr>, ()>> =
            lhs.iter().map(|l| self.lhs_expr(l)).collect();
        let mut prefix = std::mem::replace(&mut self.f.pre, saved);
        let mut ok = true;
        let mut tl = Vec::new();
        let mut vals = Vec::new();
        let mut temps = [None, None];
        for (k, t) in targets.into_iter().enumerate() {
            let rt = if k == 0 { elem.clone() } else { Type::Bool };
            match t {
                Ok(Some(h)) => {
                    if h.ty != rt {
                        if lhs.len() == 1 {
                            let s = expr_string(&rhs[0]);
                            self.err(
                                rhs[0].pos,
                                format!(
                                    "cannot use {s} (comma, ok expression of type {}) as type {} in assignment",
                                    super::show_type(&rt),
                                    super::show_type(&h.ty)
                                ),
                            );
                        } else {
                            self.comma_ok_mismatch(&rhs[0], k, &rt, &h.ty, "assignment");
                        }
                        ok = false;
                        continue;
                    }
                    let tmp = self.temp(rt.clone());
                    temps[k] = Some(local(tmp, &rt, rhs[0].pos));
                    vals.push(local(tmp, &rt, rhs[0].pos));
                    tl.push(Some(h));
                }
                Ok(None) => {}
                Err(()) => ok = false,
            }
        }
        if !ok {
            return None;
        }
        if !tl.is_empty() {
            prefix.push(Stmt::Assign(tl, vals));
        }
        let [value, okv] = temps;
        Some((
            Comm::Recv {
                chan,
                value,
                ok: okv,
            },
            prefix,
        ))
    }

    /// `for range ch`, `for v := range ch`, `for x = range ch`: a loop that receives until
    /// the channel is closed (see the module doc of [`hir`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn range_chan(
        &mut self,
        xo: Op<'a>,
        elem: Type,
        key: &'a Option<ast::Expr>,
        value: &'a Option<ast::Expr>,
        define: bool,
        body: &'a ast::Block,
        mut block: Vec<Stmt>,
        out: &mut Vec<Stmt>,
    ) {
        self.push_scope();
        let mut bad = false;
        if let Some(v) = value {
            let d = self.describe(&xo);
            self.err(
                v.pos,
                format!("range over {d} permits only one iteration variable"),
            );
            bad = true;
        }
        let pos = xo.pos;
        let chan = self.hoist(xo.hir(), &mut block);
        let chan = match chan.kind {
            ExprKind::Local(id) => id,
            _ => return,
        };
        let okv = self.temp(Type::Bool);
        // Where the value is received, and the statements that assign it after the check.
        let mut target: Option<LocalId> = None;
        let mut after = Vec::new();
        for (k, e) in [key, value].into_iter().enumerate() {
            let Some(e) = e else { continue };
            if define {
                let ast::ExprKind::Ident(name) = &e.kind else {
                    let s = expr_string(e);
                    self.err(e.pos, format!("non-name {s} on left side of :="));
                    bad = true;
                    continue;
                };
                if name == "_" {
                    continue;
                }
                let id = self.new_local(name, elem.clone(), e.pos, true);
                if k == 1 {
                    self.f.info[id.0 as usize].used = true;
                }
                let ident = ast::Ident {
                    name: name.clone(),
                    pos: e.pos,
                };
                self.declare_local(&ident, id, "");
                if k == 0 {
                    target = Some(id);
                }
            } else {
                let saved = std::mem::take(&mut self.f.pre);
                let h = self.lhs_expr(e);
                let pre = std::mem::replace(&mut self.f.pre, saved);
                let Ok(Some(h)) = h else { continue };
                if k == 1 {
                    continue;
                }
                if h.ty != elem {
                    // Go 1.19's words.
                    self.err(
                        e.pos,
                        format!(
                            "cannot use {} (value of type {}) as type {} in assignment",
                            expr_string(e),
                            super::show_type(&elem),
                            super::show_type(&h.ty)
                        ),
                    );
                    bad = true;
                    continue;
                }
                let t = self.temp(elem.clone());
                target = Some(t);
                after.extend(pre);
                after.push(Stmt::Assign(vec![Some(h)], vec![local(t, &elem, pos)]));
            }
        }
        self.f.breakable.push(true);
        let user_body = self.block(body);
        self.f.breakable.pop();
        self.pop_scope();
        if bad {
            return;
        }
        let chan_ty = self.f.locals[chan.0 as usize].ty.clone();
        let mut b = vec![
            Stmt::RecvOk {
                value: target.map(|t| local(t, &elem, pos)),
                ok: Some(local(okv, &Type::Bool, pos)),
                chan: local(chan, &chan_ty, pos),
            },
            Stmt::If(
                hir::Expr {
                    kind: ExprKind::Unary(hir::UnOp::Not, Box::new(local(okv, &Type::Bool, pos))),
                    ty: Type::Bool,
                    pos,
                },
                vec![Stmt::Break],
                Vec::new(),
            ),
        ];
        b.extend(after);
        b.push(Stmt::Block(user_body));
        block.push(Stmt::For {
            cond: None,
            post: Vec::new(),
            body: b,
        });
        out.push(Stmt::Block(block));
    }
}

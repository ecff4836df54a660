//! Store-to-load forwarding through local arrays, and removal of arrays nothing reads, on
//! the checked program before code generation (after [`super::constprop`]).
//!
//! **Forwarding.** After `a[e] = v`, where `a` is a local array of scalars whose address
//! is never taken and the index `e` is built only from constants and such locals with
//! operators that cannot panic, a later read `a[e]` (the same expression) in the same
//! statement list, or inside a later statement of it, reads `v` as long as nothing
//! between assigns `a` (any element) or a local that `e` mentions, and nothing between
//! calls a function (`print` and `panic` included): as in Go, a value is not carried
//! across a call in a register where memory would be read back. The store becomes
//! `t := v; a[e] = t` with a new hidden local `t`, and such reads become `t`. (Moving
//! the evaluation of `e` after `v` is invisible: `e` has no effects and cannot panic;
//! the bounds check happens at the store, after `v`, as Go does.)
//!
//! **Dead arrays.** A local array of scalars (not a parameter or result, never
//! address-taken) that is only ever zeroed and stored into at indices provably in range
//! ([`super::analysis::value_range`]), never read, needs no memory: its stores become
//! blank assignments of their values (still evaluated, in order) and its zeroing goes.
//!
//! Together they are what Go's SSA passes do for `var pad [8]int; pad[x&7] = y; ...
//! pad[x&7]`: the load takes the stored value and the array disappears from the frame.

use super::analysis::value_range;
use super::constprop::assigned_in;
use crate::check::hir::{
    BinOp, Comm, Expr, ExprKind, Func, Local, LocalId, PanicArg, PrintArg, Program, Stmt, Type,
};
use std::collections::BTreeSet;

/// Forwards stores to loads and removes dead arrays in every function of `prog`.
pub fn run(prog: &mut Program) {
    for f in &mut prog.funcs {
        forward(f);
    }
}

/// Forwards stores to loads and removes dead arrays in `f`.
pub fn forward(f: &mut Func) {
    let first_plain = f.params + f.results.len();
    let candidate: Vec<bool> = f
        .locals
        .iter()
        .enumerate()
        .map(|(i, l)| {
            i >= first_plain
                && !l.addr_taken
                && matches!(&l.ty, Type::Array(_, el) if matches!(**el, Type::Int | Type::Bool))
        })
        .collect();
    let stable: Vec<bool> = f
        .locals
        .iter()
        .map(|l| !l.addr_taken && matches!(l.ty, Type::Int | Type::Bool))
        .collect();
    let mut body = std::mem::take(&mut f.body);
    let mut fw = Fwd {
        locals: &mut f.locals,
        candidate: &candidate,
        stable: &stable,
    };
    fw.list(&mut body);
    for (i, &c) in candidate.iter().enumerate() {
        if c && is_dead(&body, LocalId(i as u32), &f.locals[i].ty) {
            remove_dead(&mut body, LocalId(i as u32));
        }
    }
    f.body = body;
}

struct Fwd<'a> {
    locals: &'a mut Vec<Local>,
    /// Arrays that forwarding applies to.
    candidate: &'a [bool],
    /// Scalar locals whose address is never taken (only assignments change them).
    stable: &'a [bool],
}

impl Fwd<'_> {
    /// Forwards within `ss` and, recursively, within every statement list inside it.
    fn list(&mut self, ss: &mut [Stmt]) {
        for k in 0..ss.len() {
            for inner in nested_lists(&mut ss[k]) {
                self.list(inner);
            }
            let Some((a, idx, ty)) = self.forwardable(&ss[k]) else {
                continue;
            };
            let t = LocalId(self.locals.len() as u32);
            let mut idx_locals = BTreeSet::new();
            locals_of(&idx, &mut idx_locals);
            let mut changed = false;
            for s in ss[k + 1..].iter_mut() {
                if has_call(s) {
                    // As in Go, no forwarding across a call: the value would stay in a
                    // register (a callee-saved one, saved and restored by every frame
                    // of a recursion) where the array's memory would be read back.
                    // Measured: ptr_reloc.go ran 1.7x slower with it.
                    break;
                }
                let kills = writes(s, a, &idx_locals);
                if kills && !is_simple(s) {
                    break;
                }
                changed |= subst_stmt(s, a, &idx, t, &ty);
                if kills {
                    break;
                }
            }
            if !changed {
                continue;
            }
            self.locals.push(Local {
                name: format!("$fwd{}", t.0),
                ty: ty.clone(),
                addr_taken: false,
            });
            let Stmt::Assign(lhs, rhs) = std::mem::replace(&mut ss[k], Stmt::Block(Vec::new()))
            else {
                unreachable!("forwardable checked the form");
            };
            let pos = rhs[0].pos;
            let tv = Expr {
                kind: ExprKind::Local(t),
                ty: ty.clone(),
                pos,
            };
            ss[k] = Stmt::Block(vec![
                Stmt::Assign(vec![Some(tv.clone())], rhs),
                Stmt::Assign(lhs, vec![tv]),
            ]);
        }
    }

    /// `a[e] = v` with `a` a candidate array and `e` a stable, non-constant index:
    /// `(a, e, element type)`.
    fn forwardable(&self, s: &Stmt) -> Option<(LocalId, Expr, Type)> {
        let Stmt::Assign(lhs, rhs) = s else {
            return None;
        };
        let [Some(l)] = lhs.as_slice() else {
            return None;
        };
        let ExprKind::Index(base, idx) = &l.kind else {
            return None;
        };
        let ExprKind::Local(a) = base.kind else {
            return None;
        };
        if !self.candidate.get(a.0 as usize).copied().unwrap_or(false)
            || matches!(idx.kind, ExprKind::Const(_))
            || !self.is_stable(idx)
            || rhs.len() != 1
        {
            return None;
        }
        Some((a, (**idx).clone(), l.ty.clone()))
    }

    /// Whether `e` always has the same value while the locals it mentions keep theirs,
    /// and cannot panic.
    fn is_stable(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Const(_) => true,
            ExprKind::Local(id) => self.stable.get(id.0 as usize).copied().unwrap_or(false),
            ExprKind::Unary(_, x) => self.is_stable(x),
            ExprKind::Binary(op, l, r) => {
                let safe = match op {
                    BinOp::Div | BinOp::Rem | BinOp::LogAnd | BinOp::LogOr => false,
                    BinOp::Shl | BinOp::Shr => {
                        matches!(r.kind, ExprKind::Const(c) if (0..64).contains(&c))
                    }
                    _ => true,
                };
                safe && self.is_stable(l) && self.is_stable(r)
            }
            _ => false,
        }
    }
}

/// The statement lists directly inside `s`.
fn nested_lists(s: &mut Stmt) -> Vec<&mut Vec<Stmt>> {
    match s {
        Stmt::Block(b) => vec![b],
        Stmt::If(_, t, e) => vec![t, e],
        Stmt::For { post, body, .. } => vec![body, post],
        Stmt::Switch { cases, default } => {
            let mut v: Vec<&mut Vec<Stmt>> = cases.iter_mut().map(|c| &mut c.body).collect();
            v.extend(default.as_mut());
            v
        }
        _ => Vec::new(),
    }
}

/// Whether `s` (at any depth) calls a function or the runtime (`print`, `panic`).
fn has_call(s: &Stmt) -> bool {
    let mut call = false;
    super::analysis::visit_stmts(std::slice::from_ref(s), &mut |st| {
        call |= matches!(
            st,
            Stmt::AssignCall(..) | Stmt::Print { .. } | Stmt::Panic(_)
        );
    });
    super::analysis::visit_exprs(std::slice::from_ref(s), &mut |e| {
        call |= matches!(e.kind, ExprKind::Call(..));
        !call
    });
    call
}

/// Whether `s` has no statements inside it.
fn is_simple(s: &Stmt) -> bool {
    !matches!(
        s,
        Stmt::Block(_) | Stmt::If(..) | Stmt::For { .. } | Stmt::Switch { .. }
    )
}

/// The locals `e` mentions.
fn locals_of(e: &Expr, out: &mut BTreeSet<LocalId>) {
    super::analysis::visit_expr(e, &mut |x| {
        if let ExprKind::Local(id) = x.kind {
            out.insert(id);
        }
        true
    });
}

/// The local at the root of a left side `a[i][j]...`, if it is one.
fn root_local(e: &Expr) -> Option<LocalId> {
    match &e.kind {
        ExprKind::Local(id) => Some(*id),
        ExprKind::Index(b, _) => root_local(b),
        _ => None,
    }
}

/// Whether `s` (at any depth) assigns array `a` or one of the locals `idx`.
fn writes(s: &Stmt, a: LocalId, idx: &BTreeSet<LocalId>) -> bool {
    let mut assigned = BTreeSet::new();
    assigned_in(std::slice::from_ref(s), &mut assigned);
    if assigned.contains(&a) || assigned.iter().any(|x| idx.contains(x)) {
        return true;
    }
    let mut hit = false;
    super::analysis::visit_stmts(std::slice::from_ref(s), &mut |st| {
        let lhs: Vec<&Expr> = match st {
            Stmt::Assign(l, _) | Stmt::AssignCall(l, ..) => l.iter().flatten().collect(),
            Stmt::OpAssign(_, l, _) => vec![l],
            _ => Vec::new(),
        };
        hit |= lhs.into_iter().any(|l| root_local(l) == Some(a));
    });
    hit
}

/// Whether `x` and `y` are the same expression (of the forms [`Fwd::is_stable`] allows).
fn same(x: &Expr, y: &Expr) -> bool {
    match (&x.kind, &y.kind) {
        (ExprKind::Const(a), ExprKind::Const(b)) => a == b,
        (ExprKind::Local(a), ExprKind::Local(b)) => a == b,
        (ExprKind::Unary(o1, a), ExprKind::Unary(o2, b)) => o1 == o2 && same(a, b),
        (ExprKind::Binary(o1, a1, b1), ExprKind::Binary(o2, a2, b2)) => {
            o1 == o2 && same(a1, a2) && same(b1, b2)
        }
        _ => false,
    }
}

/// Replaces the reads `a[idx]` in `s` by local `t`; whether it replaced any.
fn subst_stmt(s: &mut Stmt, a: LocalId, idx: &Expr, t: LocalId, ty: &Type) -> bool {
    let mut changed = false;
    let mut ex = |e: &mut Expr| changed |= subst(e, a, idx, t, ty);
    match s {
        Stmt::Block(b) => {
            for s in b {
                changed |= subst_stmt(s, a, idx, t, ty);
            }
        }
        Stmt::Expr(e) => ex(e),
        Stmt::Zero(_) | Stmt::Break | Stmt::Continue | Stmt::Panic(PanicArg::Str(_)) => {}
        Stmt::Assign(lhs, rhs) => {
            lhs.iter_mut()
                .flatten()
                .for_each(|l| subst_place(l, &mut ex));
            rhs.iter_mut().for_each(&mut ex);
        }
        Stmt::AssignCall(lhs, _, args) => {
            lhs.iter_mut()
                .flatten()
                .for_each(|l| subst_place(l, &mut ex));
            args.iter_mut().for_each(&mut ex);
        }
        Stmt::OpAssign(_, l, r) => {
            subst_place(l, &mut ex);
            ex(r);
        }
        Stmt::If(c, th, el) => {
            ex(c);
            for s in th.iter_mut().chain(el.iter_mut()) {
                changed |= subst_stmt(s, a, idx, t, ty);
            }
        }
        Stmt::For { cond, post, body } => {
            if let Some(c) = cond {
                ex(c);
            }
            for s in body.iter_mut().chain(post.iter_mut()) {
                changed |= subst_stmt(s, a, idx, t, ty);
            }
        }
        Stmt::Switch { cases, default } => {
            for c in cases.iter_mut() {
                c.conds.iter_mut().for_each(&mut ex);
            }
            for c in cases.iter_mut() {
                for s in c.body.iter_mut() {
                    changed |= subst_stmt(s, a, idx, t, ty);
                }
            }
            for s in default.iter_mut().flatten() {
                changed |= subst_stmt(s, a, idx, t, ty);
            }
        }
        Stmt::Return(es) => es.iter_mut().for_each(&mut ex),
        Stmt::Print { args, .. } => {
            for p in args {
                if let PrintArg::Value(e) = p {
                    ex(e);
                }
            }
        }
        Stmt::Panic(PanicArg::Value(e)) => ex(e),
        Stmt::Gosched(_) => {}
        Stmt::Go { args, .. } => args.iter_mut().for_each(&mut ex),
        Stmt::Send { chan, value } => {
            ex(chan);
            ex(value);
        }
        Stmt::RecvOk { value, ok, chan } => {
            value
                .iter_mut()
                .chain(ok.iter_mut())
                .for_each(|l| subst_place(l, &mut ex));
            ex(chan);
        }
        Stmt::Close(e) => ex(e),
        Stmt::Select { cases, default, .. } => {
            for c in cases.iter_mut() {
                for s in c.body.iter_mut() {
                    changed |= subst_stmt(s, a, idx, t, ty);
                }
            }
            for s in default.iter_mut().flatten() {
                changed |= subst_stmt(s, a, idx, t, ty);
            }
        }
    }
    changed
}

/// Applies `ex` to the operands a left side reads (indices, pointers), not to the place
/// itself.
fn subst_place(l: &mut Expr, ex: &mut impl FnMut(&mut Expr)) {
    match &mut l.kind {
        ExprKind::Index(b, i) => {
            ex(i);
            subst_place(b, ex);
        }
        ExprKind::Deref(p) => ex(p),
        _ => {}
    }
}

/// Replaces the reads `a[idx]` in `e` by local `t`; whether it replaced any.
fn subst(e: &mut Expr, a: LocalId, idx: &Expr, t: LocalId, ty: &Type) -> bool {
    if let ExprKind::Index(b, i) = &e.kind {
        if matches!(b.kind, ExprKind::Local(x) if x == a) && same(i, idx) {
            e.kind = ExprKind::Local(t);
            e.ty = ty.clone();
            return true;
        }
    }
    let mut changed = false;
    match &mut e.kind {
        ExprKind::Const(_) | ExprKind::Nil | ExprKind::Local(_) | ExprKind::Global(_) => {}
        ExprKind::Unary(_, x) | ExprKind::Deref(x) | ExprKind::AddrOf(x) | ExprKind::Len(x) => {
            changed |= subst(x, a, idx, t, ty)
        }
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => {
            changed |= subst(l, a, idx, t, ty);
            changed |= subst(r, a, idx, t, ty);
        }
        ExprKind::Call(_, args) => {
            for x in args {
                changed |= subst(x, a, idx, t, ty);
            }
        }
        ExprKind::ArrayLit(elems) => {
            for (_, x) in elems {
                changed |= subst(x, a, idx, t, ty);
            }
        }
        ExprKind::Recv(x) => changed |= subst(x, a, idx, t, ty),
        ExprKind::MakeChan(cap) => {
            for x in cap.iter_mut() {
                changed |= subst(x, a, idx, t, ty);
            }
        }
        ExprKind::NumGoroutine => {}
    }
    changed
}

/// Whether array `a` (of type `ty`) is only zeroed and stored into at provably in-range
/// indices, never read.
fn is_dead(ss: &[Stmt], a: LocalId, ty: &Type) -> bool {
    let Type::Array(n, _) = ty else {
        return false;
    };
    let mut dead = true;
    let mut mentioned = false;
    super::analysis::visit_stmts(ss, &mut |s| match s {
        Stmt::Zero(id) if *id == a => mentioned = true,
        Stmt::Assign(lhs, rhs) if lhs.len() == 1 => {
            if let Some(Expr {
                kind: ExprKind::Index(b, i),
                ..
            }) = &lhs[0]
            {
                if matches!(b.kind, ExprKind::Local(x) if x == a) {
                    mentioned = true;
                    let in_range =
                        value_range(i, &[]).is_some_and(|(lo, hi)| lo >= 0 && (hi as u64) < *n);
                    dead &= in_range && !mentions(i, a) && !mentions(&rhs[0], a);
                    return;
                }
            }
            dead &= !lhs.iter().flatten().any(|e| mentions(e, a)) && !mentions(&rhs[0], a);
        }
        other => {
            dead &= !stmt_mentions(other, a);
        }
    });
    dead && mentioned
}

/// Whether `e` mentions local `a`.
fn mentions(e: &Expr, a: LocalId) -> bool {
    super::analysis::mentions_local(e, a)
}

/// Whether the expressions of `s` itself (not of the statements inside it) mention `a`.
fn stmt_mentions(s: &Stmt, a: LocalId) -> bool {
    let m = |e: &Expr| mentions(e, a);
    match s {
        Stmt::Block(_) | Stmt::Break | Stmt::Continue | Stmt::Panic(PanicArg::Str(_)) => false,
        Stmt::Zero(id) => *id == a,
        Stmt::Expr(e) | Stmt::Panic(PanicArg::Value(e)) | Stmt::If(e, ..) => m(e),
        Stmt::Assign(l, r) => l.iter().flatten().any(m) || r.iter().any(m),
        Stmt::AssignCall(l, _, args) => l.iter().flatten().any(m) || args.iter().any(m),
        Stmt::OpAssign(_, l, r) => m(l) || m(r),
        Stmt::For { cond, .. } => cond.as_ref().is_some_and(m),
        Stmt::Switch { cases, .. } => cases.iter().flat_map(|c| c.conds.iter()).any(m),
        Stmt::Return(es) => es.iter().any(m),
        Stmt::Print { args, .. } => args.iter().any(|p| matches!(p, PrintArg::Value(e) if m(e))),
        Stmt::Gosched(_) => false,
        Stmt::Go { args, .. } => args.iter().any(m),
        Stmt::Send { chan, value } => m(chan) || m(value),
        Stmt::RecvOk { value, ok, chan } => value.iter().chain(ok).any(m) || m(chan),
        Stmt::Close(e) => m(e),
        Stmt::Select { cases, .. } => cases.iter().any(|c| match &c.comm {
            Comm::Send { chan, value } => m(chan) || m(value),
            Comm::Recv { chan, value, ok } => m(chan) || value.iter().chain(ok).any(m),
        }),
    }
}

/// Removes dead array `a` ([`is_dead`]): its zeroing goes, its stores keep only the
/// evaluation of their values.
fn remove_dead(ss: &mut [Stmt], a: LocalId) {
    for s in ss.iter_mut() {
        for inner in nested_lists(s) {
            remove_dead(inner, a);
        }
        match s {
            Stmt::Zero(id) if *id == a => *s = Stmt::Block(Vec::new()),
            Stmt::Assign(lhs, _) if matches!(lhs.as_slice(), [Some(l)] if root_local(l) == Some(a)) =>
            {
                lhs[0] = None;
            }
            _ => {}
        }
    }
}

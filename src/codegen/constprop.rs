//! Constant propagation of locals, on the checked program, before code generation.
//!
//! A local of type `int` or `bool` whose address is never taken can only change by an
//! assignment in its own function, so where every path to a read of it has assigned it
//! the same constant, the read is that constant (`i, j := 2, 6; j++; g[i][j]` reads
//! `g[2][7]`). Replacing such reads, and folding the operators whose operands become
//! constants, is what lets the rest of code generation see constant indices: the scalar
//! replacement of local arrays ([`super::analysis`]) then keeps arrays indexed through
//! such locals out of memory, as Go's SSA passes do, and an access that is now a constant
//! out-of-range index is simply its run-time panic.
//!
//! The analysis is a single forward walk over the statements: it knows nothing across
//! the back edge of a loop (every local assigned anywhere in a `for`, its condition, body
//! or post statement, is unknown in and after the loop), joins the two arms of an `if` by
//! keeping what both agree on, and forgets every local assigned in a `switch` after it.
//! Only reads change: assignments stay, so a local's value in memory is always right.
//! Operators that could panic (`/` and `%` by zero, a negative shift count) are never
//! folded; the others fold with the run-time semantics (wrapping arithmetic).

use crate::check::hir::{
    BinOp, Comm, Expr, ExprKind, Func, LocalId, PanicArg, PrintArg, Program, Stmt, Type, UnOp,
};
use std::collections::{BTreeMap, BTreeSet};

/// Known constant values of locals at a program point.
type Known = BTreeMap<LocalId, i64>;

/// Propagates constants through the locals of every function of `prog`.
pub fn run(prog: &mut Program) {
    for f in &mut prog.funcs {
        propagate(f);
    }
}

/// Propagates constants through the locals of `f`.
pub fn propagate(f: &mut Func) {
    let tracked: Vec<bool> = f
        .locals
        .iter()
        .map(|l| !l.addr_taken && matches!(l.ty, Type::Int | Type::Bool))
        .collect();
    let mut p = Prop { tracked };
    let mut known = Known::new();
    let mut body = std::mem::take(&mut f.body);
    p.stmts(&mut body, &mut known);
    f.body = body;
}

struct Prop {
    /// `tracked[i]`: local `i` is a scalar whose address is never taken.
    tracked: Vec<bool>,
}

impl Prop {
    fn is_tracked(&self, id: LocalId) -> bool {
        self.tracked.get(id.0 as usize).copied().unwrap_or(false)
    }

    fn stmts(&mut self, ss: &mut [Stmt], known: &mut Known) {
        for s in ss {
            self.stmt(s, known);
        }
    }

    /// Records the assignment of `v` (a constant, or unknown) to the left side `lhs`.
    fn assign(&self, lhs: &Expr, v: Option<i64>, known: &mut Known) {
        if let ExprKind::Local(id) = lhs.kind {
            match v {
                Some(c) if self.is_tracked(id) => {
                    known.insert(id, c);
                }
                _ => {
                    known.remove(&id);
                }
            }
        }
    }

    /// Substitutes in a left side's operands (not in the local it assigns).
    fn lhs(&self, e: &mut Expr, known: &Known) {
        if !matches!(e.kind, ExprKind::Local(_)) {
            subst(e, known);
        }
    }

    fn stmt(&mut self, s: &mut Stmt, known: &mut Known) {
        match s {
            Stmt::Block(b) => self.stmts(b, known),
            Stmt::Expr(e) => subst(e, known),
            Stmt::Zero(id) => {
                if self.is_tracked(*id) {
                    known.insert(*id, 0);
                } else {
                    known.remove(id);
                }
            }
            Stmt::Assign(lhs, rhs) => {
                // Phase one reads everything with the values before the statement.
                for l in lhs.iter_mut().flatten() {
                    self.lhs(l, known);
                }
                for r in rhs.iter_mut() {
                    subst(r, known);
                }
                // Phase two assigns left to right.
                for (l, r) in lhs.iter().zip(rhs.iter()) {
                    if let Some(l) = l {
                        let v = match r.kind {
                            ExprKind::Const(c) => Some(c),
                            _ => None,
                        };
                        self.assign(l, v, known);
                    }
                }
            }
            Stmt::AssignCall(lhs, _, args) => {
                for l in lhs.iter_mut().flatten() {
                    self.lhs(l, known);
                }
                for a in args.iter_mut() {
                    subst(a, known);
                }
                for l in lhs.iter().flatten() {
                    self.assign(l, None, known);
                }
            }
            Stmt::OpAssign(op, l, r) => {
                self.lhs(l, known);
                subst(r, known);
                let v = match (&l.kind, &r.kind) {
                    (ExprKind::Local(id), ExprKind::Const(b)) => {
                        known.get(id).and_then(|&a| fold_binary(*op, a, *b))
                    }
                    _ => None,
                };
                self.assign(l, v, known);
            }
            Stmt::If(c, t, e) => {
                subst(c, known);
                match c.kind {
                    // A constant condition: only one arm runs.
                    ExprKind::Const(0) => self.stmts(e, known),
                    ExprKind::Const(_) => self.stmts(t, known),
                    _ => {
                        let mut kt = known.clone();
                        self.stmts(t, &mut kt);
                        self.stmts(e, known);
                        known.retain(|id, v| kt.get(id) == Some(v));
                    }
                }
            }
            Stmt::For { cond, post, body } => {
                let mut assigned = BTreeSet::new();
                assigned_in(body, &mut assigned);
                assigned_in(post, &mut assigned);
                known.retain(|id, _| !assigned.contains(id));
                if let Some(c) = cond {
                    subst(c, known);
                }
                self.stmts(body, &mut known.clone());
                self.stmts(post, &mut known.clone());
            }
            Stmt::Switch { cases, default } => {
                // Conditions are tried in order before any body runs.
                for c in cases.iter_mut() {
                    for e in c.conds.iter_mut() {
                        subst(e, known);
                    }
                }
                let mut assigned = BTreeSet::new();
                for c in cases.iter_mut() {
                    self.stmts(&mut c.body, &mut known.clone());
                    assigned_in(&c.body, &mut assigned);
                }
                if let Some(d) = default {
                    self.stmts(d, &mut known.clone());
                    assigned_in(d, &mut assigned);
                }
                known.retain(|id, _| !assigned.contains(id));
            }
            Stmt::Break | Stmt::Continue => {}
            Stmt::Return(es) => es.iter_mut().for_each(|e| subst(e, known)),
            Stmt::Print { args, .. } => {
                for a in args {
                    if let PrintArg::Value(e) = a {
                        subst(e, known);
                    }
                }
            }
            Stmt::Panic(PanicArg::Value(e)) => subst(e, known),
            Stmt::Panic(PanicArg::Str(_)) | Stmt::Gosched(_) => {}
            Stmt::Go { args, .. } => args.iter_mut().for_each(|e| subst(e, known)),
            Stmt::Send { chan, value } => {
                subst(chan, known);
                subst(value, known);
            }
            Stmt::RecvOk { value, ok, chan } => {
                for l in value.iter_mut().chain(ok.iter_mut()) {
                    self.lhs(l, known);
                }
                subst(chan, known);
                for l in value.iter().chain(ok.iter()) {
                    self.assign(l, None, known);
                }
            }
            Stmt::Close(e) => subst(e, known),
            Stmt::Select { cases, default, .. } => {
                // The communications' operands stay locals (see `hir::Comm`); the case
                // that runs assigns its targets, then its body.
                let mut assigned = BTreeSet::new();
                for c in cases.iter_mut() {
                    let mut k = known.clone();
                    if let Comm::Recv { value, ok, .. } = &c.comm {
                        for l in value.iter().chain(ok.iter()) {
                            self.assign(l, None, &mut k);
                            assigned.extend(match l.kind {
                                ExprKind::Local(id) => Some(id),
                                _ => None,
                            });
                        }
                    }
                    self.stmts(&mut c.body, &mut k);
                    assigned_in(&c.body, &mut assigned);
                }
                if let Some(d) = default {
                    self.stmts(d, &mut known.clone());
                    assigned_in(d, &mut assigned);
                }
                known.retain(|id, _| !assigned.contains(id));
            }
        }
    }
}

/// Adds to `out` every local that `ss` assigns (at any depth).
pub fn assigned_in(ss: &[Stmt], out: &mut BTreeSet<LocalId>) {
    let local = |e: &Expr| match e.kind {
        ExprKind::Local(id) => Some(id),
        _ => None,
    };
    super::analysis::visit_stmts(ss, &mut |s| match s {
        Stmt::Zero(id) => {
            out.insert(*id);
        }
        Stmt::Assign(lhs, _) | Stmt::AssignCall(lhs, ..) => {
            out.extend(lhs.iter().flatten().filter_map(local));
        }
        Stmt::OpAssign(_, l, _) => out.extend(local(l)),
        Stmt::RecvOk { value, ok, .. } => {
            out.extend(value.iter().chain(ok).filter_map(local));
        }
        Stmt::Select { cases, .. } => {
            for c in cases {
                if let Comm::Recv { value, ok, .. } = &c.comm {
                    out.extend(value.iter().chain(ok).filter_map(local));
                }
            }
        }
        _ => {}
    });
}

/// Replaces the reads of known locals in `e` by their constants and folds what becomes
/// constant.
fn subst(e: &mut Expr, known: &Known) {
    match &mut e.kind {
        ExprKind::Local(id) => {
            if let Some(&c) = known.get(id) {
                e.kind = ExprKind::Const(c);
            }
        }
        ExprKind::Const(_) | ExprKind::Nil | ExprKind::Global(_) => {}
        ExprKind::Unary(op, x) => {
            subst(x, known);
            if let ExprKind::Const(a) = x.kind {
                e.kind = ExprKind::Const(match op {
                    UnOp::Neg => a.wrapping_neg(),
                    UnOp::Not => a ^ 1,
                    UnOp::BitNot => !a,
                });
            }
        }
        ExprKind::Binary(op, l, r) => {
            subst(l, known);
            subst(r, known);
            if let (ExprKind::Const(a), ExprKind::Const(b)) = (&l.kind, &r.kind) {
                if let Some(c) = fold_binary(*op, *a, *b) {
                    e.kind = ExprKind::Const(c);
                }
            }
        }
        ExprKind::Index(b, i) => {
            subst(b, known);
            subst(i, known);
        }
        ExprKind::Deref(x) | ExprKind::AddrOf(x) | ExprKind::Len(x) => subst(x, known),
        ExprKind::Call(_, args) => args.iter_mut().for_each(|a| subst(a, known)),
        ExprKind::ArrayLit(elems) => elems.iter_mut().for_each(|(_, x)| subst(x, known)),
        ExprKind::Recv(x) => subst(x, known),
        ExprKind::MakeChan(cap) => cap.iter_mut().for_each(|x| subst(x, known)),
        ExprKind::NumGoroutine => {}
    }
}

/// `a op b` on constants (ints, or bools as 0 and 1) with the run-time semantics, or
/// `None` where it would panic (division by zero, negative shift count).
fn fold_binary(op: BinOp, a: i64, b: i64) -> Option<i64> {
    Some(match op {
        BinOp::Add => a.wrapping_add(b),
        BinOp::Sub => a.wrapping_sub(b),
        BinOp::Mul => a.wrapping_mul(b),
        BinOp::Div if b != 0 => a.wrapping_div(b),
        BinOp::Rem if b != 0 => a.wrapping_rem(b),
        BinOp::Div | BinOp::Rem => return None,
        BinOp::And => a & b,
        BinOp::Or => a | b,
        BinOp::Xor => a ^ b,
        BinOp::AndNot => a & !b,
        BinOp::Shl if b < 0 => return None,
        BinOp::Shl if b >= 64 => 0,
        BinOp::Shl => a << b,
        BinOp::Shr if b < 0 => return None,
        BinOp::Shr => a >> b.min(63),
        BinOp::Eq => i64::from(a == b),
        BinOp::Ne => i64::from(a != b),
        BinOp::Lt => i64::from(a < b),
        BinOp::Le => i64::from(a <= b),
        BinOp::Gt => i64::from(a > b),
        BinOp::Ge => i64::from(a >= b),
        BinOp::LogAnd => i64::from(a != 0 && b != 0),
        BinOp::LogOr => i64::from(a != 0 || b != 0),
    })
}

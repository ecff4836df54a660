//! Lowering of statements: assignment in Go's two phases ([`PendingPlace`]: the left
//! sides' operands, then the right sides, then each store with its checks), arrays
//! replaced by scalars as destinations, `if` chains and `switch` (their exits joined
//! through [`Lower::join_tree`]), `for` loops and the ranges of their counters,
//! `return` (through the result area when there is one), `print` and `panic`.

use super::{analysis, indexed_array, is_fresh, Lower, Place, Store, I64};
use crate::check::hir::*;
use crate::codegen::{type_size, CodegenError};
use cranelift_codegen::ir::{Block, BlockArg, InstBuilder, Value};
use cranelift_frontend::Variable;
use std::collections::HashMap;

/// The left side of an assignment after its first phase (Go's spec, "Assignment
/// statements"): the operands of its index expressions and pointer indirections are
/// evaluated, but the nil and bounds checks wait for the store, after the right side.
pub(super) struct PendingPlace<'e> {
    /// Where the place starts: a ready place (no checks left), or the address of an
    /// array, or a pointer that is nil-checked at the store.
    start: PendingStart<'e>,
    /// Index steps from `start`, outermost first: (index, length, element size, whether
    /// the index needs its bounds check, the index expression).
    steps: Vec<(Value, u64, i64, bool, &'e Expr)>,
}

enum PendingStart<'e> {
    /// No operation left (a variable, or memory needing no check).
    Ready(Place),
    /// An address inside the frame, a global or an array parameter: never nil.
    Addr(Value),
    /// The value of pointer expression `.0`: nil-checked at the store.
    Ptr(&'e Expr, Value),
    /// A constant index out of range in an array replaced by scalars: its panic.
    Oob(i64, u64),
}

/// Where one result of a call goes.
enum Dest {
    /// A whole array replaced by scalars.
    Scalars(LocalId),
    /// Anything else.
    Place(Place),
}

/// What ends every arm of the last `if` of a loop body when the loop's tail is
/// duplicated into them (see [`Lower::for_stmt`]).
#[derive(Clone, Copy)]
struct LoopTail<'a> {
    /// The body's statements after the `if`.
    rest: &'a [Stmt],
    /// The loop's post statements.
    post: &'a [Stmt],
    /// The loop's condition (`None`: `for {}`).
    cond: Option<&'a Expr>,
    /// The body's first block.
    body: Block,
    /// The block after the loop.
    exit: Block,
    /// Whether the last of `Lower::ranges` is this loop's counter.
    range: bool,
}

/// The most arms (an `else` counts) of an `if` chain that a loop's tail is duplicated
/// into.
const TAIL_MAX_ARMS: usize = 4;

/// The largest loop tail (expression and assignment nodes of the statements after the
/// `if`, the post statements and the condition) that is duplicated into each arm.
const TAIL_MAX_COST: usize = 24;

/// The largest loop condition (in expression nodes) that a loop is rotated for: lowered
/// twice, it costs code.
const ROTATE_MAX_COST: usize = 16;

/// The largest `if` (expression nodes of both arms' assignments, a left side counting
/// one) lowered without a branch ([`Lower::if_select`]): both arms always run, so each
/// node costs on every path; a mispredicted branch costs a pipeline refill.
const SELECT_MAX_COST: usize = 8;

/// The most locals an `if` lowered without a branch assigns (one select each).
const SELECT_MAX_VARS: usize = 2;

impl<'a, 'b> Lower<'a, 'b> {
    pub(super) fn stmts(&mut self, ss: &'a [Stmt]) -> Result<(), CodegenError> {
        let mut k = 0;
        while k < ss.len() {
            let s = &ss[k];
            let mark = self.frame.top;
            if let (Stmt::AssignCall(lhs, f, args), Some(Stmt::Return(es))) = (s, ss.get(k + 1)) {
                if self.returns_call_results(lhs, *f, es) {
                    // `return f()` (rewritten by the checker as `t1, t2 := f(); return t1,
                    // t2`) with f's results exactly ours: f stores them straight into our
                    // own result area.
                    self.hoist_all(args)?;
                    let area = self.result_area;
                    self.emit_call(*f, args, self.prog.funcs[f.0 as usize].pos, area)?;
                    self.ret(&[]);
                    self.dead_block();
                    self.release_temps(mark);
                    k += 2;
                    continue;
                }
            }
            if let (Stmt::For { cond, post, body }, Some(prev)) = (s, k.checked_sub(1)) {
                let range = self.counter_range(&ss[prev], cond.as_ref(), post, body);
                self.for_stmt(cond.as_ref(), post, body, range)?;
            } else {
                self.stmt(s)?;
            }
            self.release_temps(mark);
            k += 1;
        }
        Ok(())
    }

    /// Whether `lhs = f(...); return es` is `return f(...)` with f's results exactly this
    /// function's, passed through the result area: `lhs` are locals that `es` returns in
    /// the same order.
    fn returns_call_results(&self, lhs: &[Option<Expr>], f: FuncId, es: &[Expr]) -> bool {
        if self.result_area.is_none()
            || self.area_addr_taken()
            || self.layout.inline[f.0 as usize]
            || self.prog.funcs[f.0 as usize].results != self.func.results
            || lhs.len() != es.len()
        {
            return false;
        }
        let mut seen = Vec::new();
        lhs.iter().zip(es).all(|(l, e)| match (l, &e.kind) {
            (
                Some(Expr {
                    kind: ExprKind::Local(a),
                    ..
                }),
                ExprKind::Local(b),
            ) if a == b && !seen.contains(a) => {
                seen.push(*a);
                true
            }
            _ => false,
        })
    }

    /// For `i = c; for i < n { body; i++ }` (also `i <= n`) with constants `0 <= c` and
    /// `n`, a register variable `i` that `body` never assigns: `i`'s range in `body`.
    fn counter_range(
        &self,
        init: &Stmt,
        cond: Option<&Expr>,
        post: &[Stmt],
        body: &[Stmt],
    ) -> Option<(LocalId, i64, i64)> {
        let Stmt::Assign(lhs, rhs) = init else {
            return None;
        };
        let ([Some(l)], [r]) = (&lhs[..], &rhs[..]) else {
            return None;
        };
        let (ExprKind::Local(id), ExprKind::Const(start)) = (&l.kind, &r.kind) else {
            return None;
        };
        if l.ty != Type::Int || *start < 0 || !matches!(self.locals[id.0 as usize], Store::Var(_)) {
            return None;
        }
        let Some(ExprKind::Binary(op @ (BinOp::Lt | BinOp::Le), cl, cr)) = cond.map(|c| &c.kind)
        else {
            return None;
        };
        let (ExprKind::Local(cid), ExprKind::Const(n)) = (&cl.kind, &cr.kind) else {
            return None;
        };
        let hi = if *op == BinOp::Lt {
            n.checked_sub(1)?
        } else {
            *n
        };
        let [Stmt::OpAssign(BinOp::Add, pl, pr)] = post else {
            return None;
        };
        if cid != id
            || !matches!(pl.kind, ExprKind::Local(p) if p == *id)
            || !matches!(pr.kind, ExprKind::Const(1))
            || hi < *start
            || assigns_local(body, *id)
        {
            return None;
        }
        Some((*id, *start, hi))
    }

    /// `for cond { body; post }`; `range`: a loop counter's range inside `body`.
    fn for_stmt(
        &mut self,
        cond: Option<&'a Expr>,
        post: &'a [Stmt],
        body: &'a [Stmt],
        range: Option<(LocalId, i64, i64)>,
    ) -> Result<(), CodegenError> {
        // A check before the loop only holds inside it for variables the loop never
        // assigns (a later iteration sees the assignment).
        for x in &mut self.known {
            if x.is_some_and(|(id, _, _)| assigns_local(body, id) || assigns_local(post, id)) {
                *x = None;
            }
        }
        let mark = self.known.len();
        // Rotated (gc's loop rotation): the condition is tested before the first iteration
        // and again at the end of each, so that an iteration ends in one conditional
        // branch back to the body instead of a jump to a header and a branch there. Only
        // for a condition that is cheap to lower twice: small, with no calls, no array
        // values and no deferred locals (those are lowered at their one read).
        let rotate = cond.filter(|c| self.duplicable(c));
        let header = self.b.create_block();
        let body_b = self.b.create_block();
        let post_b = self.b.create_block();
        let exit = self.b.create_block();
        self.b.ins().jump(header, &[]);
        self.b.switch_to_block(header);
        // What the condition's checks show (an index in bounds, a pointer not nil): the
        // same at each of its tests, so it holds at the exit when only tests reach it.
        let mut cond_facts = Vec::new();
        match cond {
            Some(c) => {
                self.hoist(c)?;
                let cv = self.cond(c)?;
                cond_facts.extend(self.known[mark..].iter().flatten().copied());
                self.b.ins().brif(cv, body_b, &[], exit, &[]);
            }
            None => {
                self.b.ins().jump(body_b, &[]);
            }
        }
        self.b.switch_to_block(body_b);
        self.targets.push((exit, Some(post_b)));
        self.ranges.extend(range);
        let body_mark = self.known.len();
        let r = match self.tail_split(body, post, cond, rotate.is_some()) {
            // Tail duplication: each arm of the body's last `if` ends in its own copy
            // of what follows it (short assignments), the post statements and the
            // test, as gc's layout gives each path its own branch back. An arm then
            // costs no jump to a shared latch, and the branch predictor sees each
            // path's back branch apart (collatz.go's loop ran 30% faster, before its
            // `if` became a select).
            Some(k) => self.stmts(&body[..k]).and_then(|()| {
                if self.filled() {
                    return Ok(());
                }
                let mark = self.frame.top;
                let tail = LoopTail {
                    rest: &body[k + 1..],
                    post,
                    cond,
                    body: body_b,
                    exit,
                    range: range.is_some(),
                };
                let r = self.if_chain(&body[k], Some(tail));
                self.release_temps(mark);
                r
            }),
            None => self.stmts(body),
        };
        if range.is_some() {
            self.ranges.pop();
        }
        r?;
        self.known.truncate(body_mark);
        self.targets.pop();
        if !self.filled() {
            self.b.ins().jump(post_b, &[]);
        }
        self.b.switch_to_block(post_b);
        match rotate {
            Some(c) => self.latch(post, Some(c), body_b, exit)?,
            None if cond.is_none() => self.latch(post, None, body_b, exit)?,
            None => {
                self.stmts(post)?;
                if !self.filled() {
                    self.b.ins().jump(header, &[]);
                }
            }
        }
        self.known.truncate(mark);
        if !self.broken.contains(&exit) {
            self.known.extend(cond_facts.into_iter().map(Some));
        }
        self.b.switch_to_block(exit);
        Ok(())
    }

    /// An `if` (an `else if` chain is one loop, no recursion per `else if`) whose arms
    /// end in one join block through a [`Lower::join_tree`], or, with `tail`, each in
    /// its own copy of the loop's tail (see [`Self::for_stmt`]).
    fn if_chain(&mut self, s: &'a Stmt, tail: Option<LoopTail<'a>>) -> Result<(), CodegenError> {
        // An `else if` chain is one loop (no recursion per `else if`) whose exits
        // reach one join block through a [`Lower::join_tree`].
        let mut links = 1;
        let mut cur = s;
        while let Stmt::If(_, _, els) = cur {
            match els.as_slice() {
                [next @ Stmt::If(..)] => {
                    links += 1;
                    cur = next;
                }
                _ => break,
            }
        }
        let join = self.b.create_block();
        let (exits, tree) = self.join_tree(links + 1, join);
        let mut exits = exits.into_iter();
        let mut cur = s;
        let mark = self.known.len();
        while let Stmt::If(c, then, els) = cur {
            self.hoist(c)?;
            let cv = self.cond(c)?;
            let tb = self.b.create_block();
            let eb = self.b.create_block();
            self.b.ins().brif(cv, tb, &[], eb, &[]);
            self.b.switch_to_block(tb);
            self.learn(c, true);
            self.stmts(then)?;
            let exit = exits.next().expect("one exit per branch");
            self.end_arm(exit, tail)?;
            self.known.truncate(mark);
            self.b.switch_to_block(eb);
            self.learn(c, false);
            match els.as_slice() {
                [next @ Stmt::If(..)] => cur = next,
                _ => {
                    self.stmts(els)?;
                    let exit = exits.next().expect("one exit per branch");
                    self.end_arm(exit, tail)?;
                    self.known.truncate(mark);
                    break;
                }
            }
        }
        self.finish_join_tree(tree);
        self.b.switch_to_block(join);
        Ok(())
    }

    /// The end of an arm of an `if`: a jump to `exit`, or (with `tail`) the loop's tail.
    fn end_arm(&mut self, exit: Block, tail: Option<LoopTail<'a>>) -> Result<(), CodegenError> {
        if self.filled() {
            return Ok(());
        }
        let Some(t) = tail else {
            self.b.ins().jump(exit, &[]);
            return Ok(());
        };
        self.stmts(t.rest)?;
        if self.filled() {
            return Ok(());
        }
        // The loop counter's range holds in the body, not after the post statements.
        let range = if t.range { self.ranges.pop() } else { None };
        let r = self.latch(t.post, t.cond, t.body, t.exit);
        self.ranges.extend(range);
        r
    }

    /// A loop's post statements and its test: a branch back to `body` or to `exit`.
    fn latch(
        &mut self,
        post: &'a [Stmt],
        cond: Option<&'a Expr>,
        body: Block,
        exit: Block,
    ) -> Result<(), CodegenError> {
        self.stmts(post)?;
        if self.filled() {
            return Ok(());
        }
        match cond {
            Some(c) => {
                let cv = self.cond(c)?;
                self.b.ins().brif(cv, body, &[], exit, &[]);
            }
            None => {
                self.b.ins().jump(body, &[]);
            }
        }
        Ok(())
    }

    /// Where the body of a loop can be split for tail duplication (see
    /// [`Self::for_stmt`]): the index of its last statement, an `if` chain of at most
    /// [`TAIL_MAX_ARMS`] arms followed only by short assignments, when those, the post
    /// statements and the condition (`rotated`: the loop is rotated; or no condition)
    /// may be lowered once per arm, [`TAIL_MAX_COST`] nodes at most.
    fn tail_split(
        &self,
        body: &[Stmt],
        post: &[Stmt],
        cond: Option<&Expr>,
        rotated: bool,
    ) -> Option<usize> {
        if !rotated && cond.is_some() {
            return None;
        }
        let k = body
            .iter()
            .rposition(|s| matches!(s, Stmt::If(..)) && self.select_vars(s).is_none())?;
        let mut arms = 1;
        let mut cur = &body[k];
        while let Stmt::If(_, _, els) = cur {
            arms += 1;
            match els.as_slice() {
                [next @ Stmt::If(..)] => cur = next,
                _ => break,
            }
        }
        let mut nodes = match cond {
            Some(c) => self.dup_cost(c)?,
            None => 0,
        };
        for s in body[k + 1..].iter().chain(post) {
            nodes += match s {
                Stmt::Assign(lhs, rhs) if lhs.iter().flatten().all(|l| self.plain_local(l)) => {
                    let mut n = lhs.len();
                    for e in rhs {
                        n += self.dup_cost(e).filter(|_| !e.ty.is_array())?;
                    }
                    n
                }
                Stmt::OpAssign(_, l, r) if self.plain_local(l) => 1 + self.dup_cost(r)?,
                Stmt::If(..) => self.select_vars(s).map(|_| SELECT_MAX_COST)?,
                _ => return None,
            };
        }
        (arms <= TAIL_MAX_ARMS && nodes <= TAIL_MAX_COST).then_some(k)
    }

    /// The locals `if` statement `s` assigns, if it is lowered without a branch
    /// ([`Self::if_select`]): an `if` with or without `else` (not an `else if` chain)
    /// whose arms only assign at most [`SELECT_MAX_VARS`] `int` or `bool` register
    /// locals values that can be computed on either path with no effect ([`Self::speculable`]),
    /// [`SELECT_MAX_COST`] nodes in all.
    fn select_vars(&self, s: &Stmt) -> Option<Vec<LocalId>> {
        let Stmt::If(_, then, els) = s else {
            return None;
        };
        let mut ids = Vec::new();
        let mut target = |l: &Expr| -> Option<()> {
            let ExprKind::Local(id) = l.kind else {
                return None;
            };
            let scalar = matches!(l.ty, Type::Int | Type::Bool);
            let var = matches!(self.locals[id.0 as usize], Store::Var(_));
            if !scalar || !var || self.facts.deferred[id.0 as usize] {
                return None;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
            Some(())
        };
        let mut nodes = 0;
        for st in then.iter().chain(els) {
            match st {
                Stmt::Assign(lhs, rhs) => {
                    for l in lhs {
                        target(l.as_ref()?)?;
                        nodes += 1;
                    }
                    for r in rhs {
                        nodes += self.speculable(r)?;
                    }
                }
                Stmt::OpAssign(op, l, r) => {
                    target(l)?;
                    speculable_op(*op, r)?;
                    nodes += 1 + self.speculable(r)?;
                }
                _ => return None,
            }
        }
        (!ids.is_empty() && ids.len() <= SELECT_MAX_VARS && nodes <= SELECT_MAX_COST).then_some(ids)
    }

    /// The number of nodes of `e` if it may be evaluated where Go would not evaluate it:
    /// no calls, receives, loads or run-time checks (so nothing to observe and nothing
    /// that can panic), only constants, register locals and operators on them.
    fn speculable(&self, e: &Expr) -> Option<usize> {
        let (mut ok, mut nodes) = (true, 0);
        analysis::visit_expr(e, &mut |e| {
            nodes += 1;
            ok &= match &e.kind {
                ExprKind::Const(_) | ExprKind::Nil | ExprKind::Unary(..) => true,
                ExprKind::Local(id) => {
                    matches!(self.locals[id.0 as usize], Store::Var(_))
                        && !self.facts.deferred[id.0 as usize]
                        && self.deferred[id.0 as usize].is_none()
                }
                ExprKind::Binary(op, _, r) => speculable_op(*op, r).is_some(),
                _ => false,
            };
            ok
        });
        ok.then_some(nodes)
    }

    /// `if c { x = a } else { x = b }` (see [`Self::select_vars`]) as Go's branchelim and
    /// LLVM's if-conversion make it: `c`, then both arms, each from the values before the
    /// `if`, then `x = select(c, a, b)` for each local the arms leave different (a
    /// conditional move). A branch on data the predictor cannot learn (collatz's parity
    /// test) costs a pipeline refill when mispredicted; the selects cost a cycle each.
    fn if_select(&mut self, s: &'a Stmt, ids: &[LocalId]) -> Result<(), CodegenError> {
        let Stmt::If(c, then, els) = s else {
            return Err(CodegenError::new(self.func.pos, "internal error: select"));
        };
        self.hoist(c)?;
        let cv = self.cond(c)?;
        let mut vars = Vec::new();
        for id in ids {
            match self.locals[id.0 as usize] {
                Store::Var(v) => vars.push(v),
                _ => return Err(CodegenError::new(self.func.pos, "internal error: select")),
            }
        }
        let before: Vec<Value> = vars.iter().map(|&v| self.b.use_var(v)).collect();
        let mark = self.known.len();
        // What the test shows holds where its arm's values are used (a parity test makes
        // `n / 2` a shift): a value computed from a fact that does not hold is discarded
        // by the select.
        self.learn(c, true);
        self.stmts(then)?;
        self.known.truncate(mark);
        let taken: Vec<Value> = vars.iter().map(|&v| self.b.use_var(v)).collect();
        for (&v, &x) in vars.iter().zip(&before) {
            self.b.def_var(v, x);
        }
        self.learn(c, false);
        self.stmts(els)?;
        self.known.truncate(mark);
        for (&v, &t) in vars.iter().zip(&taken) {
            let e = self.b.use_var(v);
            if e != t {
                let x = self.b.ins().select(cv, t, e);
                self.b.def_var(v, x);
            }
        }
        Ok(())
    }

    /// A local that is neither an array nor deferred (assigned where it is read).
    fn plain_local(&self, e: &Expr) -> bool {
        matches!(e.kind, ExprKind::Local(id) if !e.ty.is_array() && !self.facts.deferred[id.0 as usize])
    }

    /// The number of nodes of `e` if it may be lowered more than once (see
    /// [`Self::duplicable`], without its limit on size).
    fn dup_cost(&self, e: &Expr) -> Option<usize> {
        let (mut ok, mut nodes) = (true, 0);
        analysis::visit_expr(e, &mut |e| {
            nodes += 1;
            ok &= match &e.kind {
                ExprKind::Call(..) | ExprKind::ArrayLit(_) => false,
                ExprKind::Local(id) => {
                    !self.facts.deferred[id.0 as usize] && self.deferred[id.0 as usize].is_none()
                }
                _ => true,
            };
            ok
        });
        ok.then_some(nodes)
    }

    /// Whether loop condition `c` may be lowered twice (see [`Self::for_stmt`]): at most
    /// [`ROTATE_MAX_COST`] nodes, no calls, no array literals, no deferred locals.
    fn duplicable(&self, c: &Expr) -> bool {
        self.dup_cost(c).is_some_and(|n| n <= ROTATE_MAX_COST)
    }

    fn stmt(&mut self, s: &'a Stmt) -> Result<(), CodegenError> {
        match s {
            Stmt::Go { .. }
            | Stmt::Select { .. }
            | Stmt::Gosched(_)
            | Stmt::Send { .. }
            | Stmt::RecvOk { .. }
            | Stmt::Close(_) => self.go_stmt(s)?,
            Stmt::Block(ss) => self.stmts(ss)?,
            Stmt::Expr(e) => {
                self.hoist(e)?;
                self.eval(e)?;
            }
            Stmt::Zero(id) => self.zero_local(*id)?,
            Stmt::Assign(lhs, rhs) => {
                if let [Some(l)] = &lhs[..] {
                    if let ExprKind::Local(id) = l.kind {
                        if self.facts.deferred[id.0 as usize] {
                            // Evaluated at its one read (see `analysis::deferred_locals`).
                            self.deferred[id.0 as usize] = Some(&rhs[0]);
                            return Ok(());
                        }
                    }
                    if let Some(id) = self.direct_into_local(l, &rhs[0]) {
                        self.hoist_into(&rhs[0])?;
                        let dst = self.local_addr(id)?.expect("array in memory");
                        return self.eval_into(dst, &rhs[0]);
                    }
                    if let (ExprKind::ArrayLit(elems), Some(leaves)) =
                        (&rhs[0].kind, analysis::literal_leaves(&rhs[0]))
                    {
                        if !matches!(l.kind, ExprKind::Local(_))
                            && leaves
                                .iter()
                                .all(|(_, x)| matches!(x.kind, ExprKind::Const(_)))
                        {
                            // `*p = [N]T{...}`, `a[i] = [N]T{...}` with constant elements:
                            // built in place (nothing to read, nothing to fail).
                            self.hoist_all(lhs.iter().flatten())?;
                            let Place::Mem(dst) = self.place(l)? else {
                                return Err(CodegenError::new(
                                    l.pos,
                                    "internal error: array place",
                                ));
                            };
                            return self.build_literal(dst, &rhs[0], elems);
                        }
                    }
                    if let ExprKind::Local(id) = l.kind {
                        if matches!(self.locals[id.0 as usize], Store::Scalars) {
                            return match analysis::literal_leaves(&rhs[0]) {
                                Some(leaves) => self.assign_scalars(id, &rhs[0], &leaves),
                                None => {
                                    self.hoist(&rhs[0])?;
                                    let src = self.eval(&rhs[0])?;
                                    self.copy_to_scalars(id, src);
                                    Ok(())
                                }
                            };
                        }
                    }
                }
                self.hoist_all(lhs.iter().flatten())?;
                self.hoist_all(rhs)?;
                // Go's two phases: the left sides' operands, then the right sides, then
                // each store with its checks, left to right.
                if lhs.len() == 1 {
                    match &lhs[0] {
                        Some(l) => {
                            let p = self.pending_place(l)?;
                            let v = self.eval(&rhs[0])?;
                            let p = self.finish_place(p, &[]);
                            self.store_val(p, v, &l.ty);
                        }
                        None => {
                            self.eval(&rhs[0])?;
                        }
                    }
                } else {
                    let mut places = Vec::new();
                    for l in lhs {
                        places.push(match l {
                            Some(l) => Some(self.pending_place(l)?),
                            None => None,
                        });
                    }
                    // A store to a plain local before a place's check may change the
                    // pointer it was computed from: only then is the check not remembered.
                    let mut stored: Vec<LocalId> = Vec::new();
                    let mut vals = Vec::new();
                    for r in rhs {
                        let v = self.eval(r)?;
                        if r.ty.is_array() && !is_fresh(r) {
                            let t = self.temp(type_size(&r.ty), r.pos)?;
                            self.copy_block(t, v, &r.ty);
                            vals.push(t);
                        } else {
                            vals.push(v);
                        }
                    }
                    for (((p, v), r), l) in places.into_iter().zip(vals).zip(rhs).zip(lhs) {
                        if let Some(p) = p {
                            let p = self.finish_place(p, &stored);
                            self.store_val(p, v, &r.ty);
                        }
                        if let Some(Expr {
                            kind: ExprKind::Local(id),
                            ..
                        }) = l
                        {
                            stored.push(*id);
                        }
                    }
                }
            }
            Stmt::AssignCall(lhs, f, args) => {
                self.hoist_all(lhs.iter().flatten())?;
                self.hoist_all(args)?;
                // Go's two phases, as for `Stmt::Assign`: the left sides' operands, the
                // call, then each store with its checks.
                let mut places = Vec::new();
                for l in lhs {
                    places.push(match l {
                        Some(Expr {
                            kind: ExprKind::Local(id),
                            ..
                        }) if matches!(self.locals[id.0 as usize], Store::Scalars) => {
                            Some(Err(*id))
                        }
                        Some(l) => Some(Ok(self.pending_place(l)?)),
                        None => None,
                    });
                }
                let pos = self.prog.funcs[f.0 as usize].pos;
                let (regs, area) = self.emit_call(*f, args, pos, None)?;
                let results = self.prog.funcs[f.0 as usize].results.clone();
                let offsets = self.layout.abi(*f).result_offsets.clone();
                let mut stored: Vec<LocalId> = Vec::new();
                for (i, p) in places.into_iter().enumerate() {
                    let Some(p) = p else { continue };
                    let p = match p {
                        Err(id) => Dest::Scalars(id),
                        Ok(p) => Dest::Place(self.finish_place(p, &stored)),
                    };
                    if let Some(Expr {
                        kind: ExprKind::Local(id),
                        ..
                    }) = &lhs[i]
                    {
                        stored.push(*id);
                    }
                    let ty = &results[i];
                    let v = match area {
                        None => regs[i],
                        Some(a) => {
                            let addr = self.b.ins().iadd_imm_s(a, offsets[i] as i64);
                            self.load_result(addr, ty)
                        }
                    };
                    match p {
                        Dest::Scalars(id) => self.copy_to_scalars(id, v),
                        Dest::Place(p) => self.store_val(p, v, ty),
                    }
                }
            }
            Stmt::OpAssign(op, l, r) => {
                self.hoist(l)?;
                self.hoist(r)?;
                let p = self.place(l)?;
                let old = self.load_place(p, &l.ty);
                if let (BinOp::Div, ExprKind::Const(c)) = (op, &r.kind) {
                    if let Some(k) = self.exact_shift(l, *c) {
                        // `x /= 2^k` where `x` is known to be a multiple of `2^k`.
                        let v = self.b.ins().sshr_imm_s(old, k);
                        self.store_val(p, v, &l.ty);
                        return Ok(());
                    }
                }
                let tmp = Expr {
                    kind: ExprKind::Const(0),
                    ty: l.ty.clone(),
                    pos: l.pos,
                };
                // Evaluate `old op r` with `old` already loaded.
                let v = self.binary_with_left(*op, old, &tmp, r)?;
                self.store_val(p, v, &l.ty);
            }
            Stmt::If(..) => match self.select_vars(s) {
                Some(ids) => self.if_select(s, &ids)?,
                None => self.if_chain(s, None)?,
            },
            Stmt::For { cond, post, body } => self.for_stmt(cond.as_ref(), post, body, None)?,
            Stmt::Switch { cases, default } => {
                let end = self.b.create_block();
                let bodies: Vec<Block> = cases.iter().map(|_| self.b.create_block()).collect();
                // Only the first condition runs on every path.
                let mark = self.known.len();
                for (case, &bb) in cases.iter().zip(&bodies) {
                    for c in &case.conds {
                        self.hoist(c)?;
                        let cv = self.cond(c)?;
                        let next = self.b.create_block();
                        self.b.ins().brif(cv, bb, &[], next, &[]);
                        self.b.switch_to_block(next);
                    }
                }
                self.known.truncate(mark);
                self.targets.push((end, None));
                if let Some(d) = default {
                    self.stmts(d)?;
                    self.known.truncate(mark);
                }
                // Every case's body and the default reach `end` through a join tree.
                let (exits, tree) = self.join_tree(cases.len() + 1, end);
                if !self.filled() {
                    self.b.ins().jump(exits[cases.len()], &[]);
                }
                for ((case, &bb), &exit) in cases.iter().zip(&bodies).zip(&exits) {
                    self.b.switch_to_block(bb);
                    self.stmts(&case.body)?;
                    self.known.truncate(mark);
                    if !self.filled() {
                        self.b.ins().jump(exit, &[]);
                    }
                }
                self.targets.pop();
                self.finish_join_tree(tree);
                self.b.switch_to_block(end);
            }
            Stmt::Break => {
                let Some(&(t, _)) = self.targets.last() else {
                    return Err(CodegenError::new(self.func.pos, "internal error: break"));
                };
                self.broken.insert(t);
                self.b.ins().jump(t, &[]);
                self.dead_block();
            }
            Stmt::Continue => {
                let Some(t) = self.targets.iter().rev().find_map(|t| t.1) else {
                    return Err(CodegenError::new(self.func.pos, "internal error: continue"));
                };
                self.b.ins().jump(t, &[]);
                self.dead_block();
            }
            Stmt::Return(es) => {
                match self.result_area {
                    None => {
                        self.hoist_all(es)?;
                        let mut vals = Vec::new();
                        for e in es {
                            vals.push(self.eval(e)?);
                        }
                        match self.inline_ret {
                            Some(join) => {
                                let args: Vec<BlockArg> =
                                    vals.into_iter().map(BlockArg::Value).collect();
                                self.b.ins().jump(join, &args);
                            }
                            None => self.ret(&vals),
                        }
                    }
                    Some(area) => self.return_in_area(area, es)?,
                }
                self.dead_block();
            }
            Stmt::Print { args, newline } => {
                for a in args {
                    if let PrintArg::Value(e) = a {
                        self.hoist(e)?;
                    }
                }
                // Every argument is evaluated before anything is printed (as in Go: one
                // may panic); those that cannot panic (nor change: printing writes no
                // program memory) are evaluated right before they are printed instead,
                // so that they are not kept alive across the other prints.
                let mut vals = Vec::new();
                for a in args {
                    vals.push(match a {
                        PrintArg::Value(e) if !analysis::cannot_panic(e) => Some(self.eval(e)?),
                        _ => None,
                    });
                }
                for (i, (a, v)) in args.iter().zip(vals).enumerate() {
                    if *newline && i > 0 {
                        self.print_bytes(b" ");
                    }
                    match a {
                        PrintArg::Value(e) => {
                            let f = if e.ty == Type::Bool {
                                self.host.print_bool
                            } else {
                                self.host.print_int
                            };
                            let v = match v {
                                Some(v) => v,
                                None => self.eval(e)?,
                            };
                            let z = self.b.ins().iconst(I64, 0);
                            self.host_call(f, v, z, z);
                        }
                        PrintArg::Str(s) => self.print_bytes(s),
                    }
                }
                if *newline {
                    self.print_bytes(b"\n");
                }
            }
            Stmt::Panic(arg) => {
                use morestack_runtime::panic_code;
                match arg {
                    PanicArg::Value(e) => {
                        self.hoist(e)?;
                        let v = self.eval(e)?;
                        let code = if e.ty == Type::Bool {
                            panic_code::BOOL
                        } else {
                            panic_code::INT
                        };
                        let z = self.b.ins().iconst(I64, 0);
                        self.panic_now(code, v, z);
                    }
                    PanicArg::Str(s) => {
                        let a = self.string_addr(s);
                        let n = self.b.ins().iconst(I64, s.len() as i64);
                        self.panic_now(panic_code::STR, a, n);
                    }
                }
                self.dead_block();
            }
        }
        Ok(())
    }

    /// `return es` through the result area at `area`. An array result that is already in
    /// its place (a result variable returned as itself) is not copied; a single array
    /// result is evaluated straight into the area when that is safe; with several
    /// results, every value is taken before any is stored (an array that may read the
    /// area is copied out first).
    fn return_in_area(&mut self, area: Value, es: &[Expr]) -> Result<(), CodegenError> {
        let offsets = self.layout.abi(self.fid).result_offsets.clone();
        let in_place = |l: &Self, i: usize, e: &Expr| {
            matches!(e.kind, ExprKind::Local(id) if id.0 as usize == l.func.params + i
                && matches!(l.locals[id.0 as usize], Store::Ptr(_)))
        };
        if let [e] = es {
            if e.ty.is_array() {
                if !in_place(self, 0, e) {
                    let direct = match e.kind {
                        ExprKind::Call(..) => !self.area_addr_taken(),
                        ExprKind::ArrayLit(_) => !self.may_read_area(e),
                        _ => false,
                    };
                    if direct {
                        self.hoist_into(e)?;
                        self.eval_into(area, e)?;
                    } else {
                        self.hoist(e)?;
                        let v = self.eval(e)?;
                        self.copy_block(area, v, &e.ty);
                    }
                }
                self.ret(&[]);
                return Ok(());
            }
        }
        self.hoist_all(es)?;
        let mut vals = Vec::new();
        for (i, e) in es.iter().enumerate() {
            let v = self.eval(e)?;
            if e.ty.is_array() && !is_fresh(e) && !in_place(self, i, e) && self.may_read_area(e) {
                let t = self.temp(type_size(&e.ty), e.pos)?;
                self.copy_block(t, v, &e.ty);
                vals.push(t);
            } else {
                vals.push(v);
            }
        }
        for (i, ((v, e), off)) in vals.into_iter().zip(es).zip(offsets).enumerate() {
            if in_place(self, i, e) {
                continue;
            }
            let a = self.b.ins().iadd_imm_s(area, off as i64);
            self.store_result(a, v, &e.ty);
        }
        self.ret(&[]);
        Ok(())
    }

    /// The blocks through which `n` branch exits reach `join`: one block per exit (at most
    /// two exits share one), and the tree's edges to emit after the branches (see
    /// [`Lower::finish_join_tree`]). With many exits the blocks form a balanced binary
    /// tree of jump-only blocks whose root is `join`, so no block has more than two
    /// predecessors: a join with thousands of predecessors, each one branch deeper in the
    /// dominator tree (an `else if` chain, a long `switch`), makes the dominator
    /// computation of Cranelift's register allocator quadratic. Jump-only blocks cost no
    /// code (Cranelift's branch folding removes them). Few exits go to `join` directly.
    fn join_tree(&mut self, n: usize, join: Block) -> (Vec<Block>, Vec<(Block, Block)>) {
        const DIRECT: usize = 16;
        let mut exits = Vec::with_capacity(n);
        let mut edges = Vec::new();
        if n <= DIRECT {
            exits.resize(n, join);
            return (exits, edges);
        }
        // (range of exits, its block), depth first so that exits come out in order.
        let mut work = vec![(0, n, join)];
        while let Some((lo, hi, me)) = work.pop() {
            if hi - lo <= 2 {
                exits.extend(std::iter::repeat_n(me, hi - lo));
                continue;
            }
            let mid = lo + (hi - lo) / 2;
            let (left, right) = (self.b.create_block(), self.b.create_block());
            edges.push((left, me));
            edges.push((right, me));
            work.push((mid, hi, right));
            work.push((lo, mid, left));
        }
        (exits, edges)
    }

    /// Emits the edges of a [`Lower::join_tree`] (each a block that only jumps to its
    /// parent); leaves no block current.
    fn finish_join_tree(&mut self, edges: Vec<(Block, Block)>) {
        for (b, parent) in edges {
            self.b.switch_to_block(b);
            self.b.ins().jump(parent, &[]);
        }
    }

    /// Phase one of assigning to `e`: evaluates the operands of its index expressions and
    /// pointer indirections, leaving their checks to [`Self::finish_place`].
    pub(super) fn pending_place<'e>(
        &mut self,
        e: &'e Expr,
    ) -> Result<PendingPlace<'e>, CodegenError> {
        let ready = |p| PendingPlace {
            start: PendingStart::Ready(p),
            steps: Vec::new(),
        };
        if let Some(v) = self.scalar_element(e) {
            return Ok(ready(Place::Var(v)));
        }
        if let Some((id, c, n)) = analysis::const_oob(e) {
            if self.facts.is_scalarized(id) {
                return Ok(PendingPlace {
                    start: PendingStart::Oob(c, n),
                    steps: Vec::new(),
                });
            }
        }
        match &e.kind {
            ExprKind::Deref(p) => {
                let v = self.eval(p)?;
                Ok(PendingPlace {
                    start: PendingStart::Ptr(p, v),
                    steps: Vec::new(),
                })
            }
            ExprKind::Index(base, idx) => {
                let (via_ptr, len, elem) = indexed_array(base)?;
                let mut pending = if via_ptr {
                    let v = self.eval(base)?;
                    PendingPlace {
                        start: PendingStart::Ptr(base, v),
                        steps: Vec::new(),
                    }
                } else {
                    match &base.kind {
                        ExprKind::Index(..) | ExprKind::Deref(_) => self.pending_place(base)?,
                        _ => {
                            let a = self.eval(base)?;
                            PendingPlace {
                                start: PendingStart::Addr(a),
                                steps: Vec::new(),
                            }
                        }
                    }
                };
                let esize = type_size(elem) as i64;
                let proven = analysis::value_range(idx, &self.ranges)
                    .is_some_and(|(lo, hi)| lo >= 0 && (hi as u64) < len);
                let i = self.eval(idx)?;
                pending.steps.push((i, len, esize, !proven, idx));
                Ok(pending)
            }
            _ => Ok(ready(self.place(e)?)),
        }
    }

    /// Phase two: the checks of a [`PendingPlace`], in Go's order (the pointer's nil
    /// check, then the indices outermost first), and the place they lead to. `stored`:
    /// the plain locals assigned since phase one. A pointer or an index that mentions
    /// none of them is still the value of its expression, so its check may be
    /// remembered, or skipped when made before ([`Self::nil_check_of`],
    /// [`Self::index_check`]).
    pub(super) fn finish_place(&mut self, p: PendingPlace<'_>, stored: &[LocalId]) -> Place {
        let mut addr = match p.start {
            PendingStart::Ready(place) => return place,
            PendingStart::Addr(a) => a,
            PendingStart::Ptr(e, v) => {
                if !stored.iter().any(|id| analysis::mentions_local(e, *id)) {
                    self.nil_check_of(e, v);
                } else {
                    self.nil_check(v);
                }
                v
            }
            PendingStart::Oob(c, n) => return Place::Var(self.const_index_panic(c, n)),
        };
        for (i, len, esize, check, idx) in p.steps {
            if check {
                self.index_check(idx, i, len, stored);
            }
            let off = self.b.ins().imul_imm_s(i, esize);
            addr = self.b.ins().iadd(addr, off);
        }
        Place::Mem(addr)
    }

    /// For `l = r` with `l` a local array in memory: whether `r` can be evaluated
    /// straight into `l` ([`Self::eval_into`]) without changing what it computes.
    fn direct_into_local(&self, l: &Expr, r: &Expr) -> Option<LocalId> {
        let ExprKind::Local(id) = l.kind else {
            return None;
        };
        let local = &self.func.locals[id.0 as usize];
        if !local.ty.is_array() || matches!(self.locals[id.0 as usize], Store::Scalars) {
            return None;
        }
        match &r.kind {
            // The callee cannot reach `l` (not address-taken) and its arguments are
            // evaluated (array arguments copied) before it runs.
            ExprKind::Call(f, _) if self.single_array_result(*f) && !local.addr_taken => Some(id),
            // The elements do not read `l` (and nothing is at `l` but `l`).
            ExprKind::ArrayLit(_)
                if !analysis::mentions_local(r, id)
                    && (!local.addr_taken || !analysis::reads_through_pointers(r)) =>
            {
                Some(id)
            }
            _ => None,
        }
    }

    /// Whether a pointer into this function's result area may exist: an array result
    /// living there has its address taken. Then a callee must not get the area as its
    /// own result area (it could read the old results through the pointer after writing
    /// its own).
    fn area_addr_taken(&self) -> bool {
        self.func.result_ids().any(|r| {
            matches!(self.locals[r.0 as usize], Store::Ptr(_))
                && self.func.locals[r.0 as usize].addr_taken
        })
    }

    /// Whether evaluating `e` may read this function's result area (an array result
    /// living there, directly or through a pointer).
    fn may_read_area(&self, e: &Expr) -> bool {
        let in_area: Vec<LocalId> = self
            .func
            .result_ids()
            .filter(|r| matches!(self.locals[r.0 as usize], Store::Ptr(_)))
            .collect();
        in_area.iter().any(|&r| analysis::mentions_local(e, r))
            || (in_area
                .iter()
                .any(|r| self.func.locals[r.0 as usize].addr_taken)
                && analysis::reads_through_pointers(e))
    }

    /// `id = <array at src>` for an array `id` replaced by scalars: its element variables
    /// are loaded from the source (elements it never touches are not).
    fn copy_to_scalars(&mut self, id: LocalId, src: Value) {
        let Type::Array(..) = &self.func.locals[id.0 as usize].ty else {
            return;
        };
        let mut scalar = &self.func.locals[id.0 as usize].ty;
        while let Type::Array(_, el) = scalar {
            scalar = el;
        }
        let scalar = scalar.clone();
        let size = type_size(&scalar) as i64;
        let mut vars: Vec<(u64, Variable)> = self.scalars[id.0 as usize]
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        vars.sort_by_key(|v| v.0);
        let mut vals = Vec::with_capacity(vars.len());
        for &(k, _) in &vars {
            let a = self.b.ins().iadd_imm_s(src, (k as i64).wrapping_mul(size));
            vals.push(self.load_mem(a, &scalar));
        }
        for ((_, var), v) in vars.into_iter().zip(vals) {
            self.b.def_var(var, v);
        }
    }

    /// `id = lit` for an array `id` replaced by scalars: every element of the literal is
    /// evaluated in order, then the element variables are set (unlisted ones to 0).
    fn assign_scalars(
        &mut self,
        id: LocalId,
        lit: &Expr,
        leaves: &[(u64, &Expr)],
    ) -> Result<(), CodegenError> {
        self.hoist(lit)?;
        let mut vals = HashMap::new();
        for (flat, x) in leaves {
            let v = self.eval(x)?;
            vals.insert(*flat, v);
        }
        let vars: Vec<(u64, Variable)> = self.scalars[id.0 as usize]
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        let mut zero = None;
        for (k, var) in vars {
            let v = match vals.get(&k) {
                Some(v) => *v,
                None => *zero.get_or_insert_with(|| self.b.ins().iconst(I64, 0)),
            };
            self.b.def_var(var, v);
        }
        Ok(())
    }
}

/// `Some` if `x op r` (`x` any value) computes with no effect and no panic: not a
/// division by zero or by a variable (zero, or `-1` overflowing), not a shift by a
/// variable (negative), not `&&`/`||` (branches).
fn speculable_op(op: BinOp, r: &Expr) -> Option<()> {
    let ok = match (op, &r.kind) {
        (BinOp::Div | BinOp::Rem, ExprKind::Const(c)) => *c != 0,
        (BinOp::Shl | BinOp::Shr, ExprKind::Const(c)) => *c >= 0,
        (BinOp::Div | BinOp::Rem | BinOp::Shl | BinOp::Shr | BinOp::LogAnd | BinOp::LogOr, _) => {
            false
        }
        _ => true,
    };
    ok.then_some(())
}

/// Whether any statement in `ss` (at any depth) assigns local `id`.
fn assigns_local(ss: &[Stmt], id: LocalId) -> bool {
    let is = |e: &Expr| matches!(e.kind, ExprKind::Local(l) if l == id);
    ss.iter().any(|s| match s {
        Stmt::Block(b) => assigns_local(b, id),
        Stmt::Zero(l) => *l == id,
        Stmt::Assign(lhs, _) | Stmt::AssignCall(lhs, _, _) => lhs.iter().flatten().any(is),
        Stmt::OpAssign(_, l, _) => is(l),
        Stmt::If(_, t, e) => assigns_local(t, id) || assigns_local(e, id),
        Stmt::For { post, body, .. } => assigns_local(post, id) || assigns_local(body, id),
        Stmt::Switch { cases, default } => {
            cases.iter().any(|c| assigns_local(&c.body, id))
                || default.as_ref().is_some_and(|d| assigns_local(d, id))
        }
        Stmt::Expr(_)
        | Stmt::Break
        | Stmt::Continue
        | Stmt::Return(_)
        | Stmt::Print { .. }
        | Stmt::Panic(_)
        | Stmt::Go { .. }
        | Stmt::Send { .. }
        | Stmt::Close(_)
        | Stmt::Gosched(_) => false,
        Stmt::RecvOk { value, ok, .. } => value.iter().chain(ok).any(is),
        Stmt::Select { cases, default, .. } => {
            cases.iter().any(|c| {
                matches!(&c.comm, Comm::Recv { value, ok, .. } if value.iter().chain(ok).any(is))
                    || assigns_local(&c.body, id)
            }) || default.as_ref().is_some_and(|d| assigns_local(d, id))
        }
    })
}

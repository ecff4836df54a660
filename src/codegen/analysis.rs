//! Facts about checked functions that the lowering uses to keep frames small: which
//! locals are used at all ([`scan`]), which local arrays can be replaced by scalars
//! (below), which locals can be computed where they are read ([`deferred_locals`]),
//! which functions are inlined ([`inlinable`]) or are leaves ([`is_leaf`]), and which
//! globals each function may change ([`globals_written`]).
//!
//! **Scalar replacement.** A local array (not a parameter or result) that is never
//! address-taken and is only ever used through element accesses with constant indices
//! (`a[3]`, `g[1][0]`, read or written), zeroed (`var a [N]T`), assigned a composite
//! literal whose nested arrays are literals too (`a = [2][2]int{{1, 2}, {x, y}}`) or
//! assigned whole from another array value (`a = b`, `a = f()`, `a, n = g()`: only the
//! touched elements are read from it), never read as a whole value (copied, compared,
//! passed, returned, ranged over with a value, indexed by a variable), needs no memory:
//! each element the function touches becomes an SSA variable, and untouched elements
//! need nothing at all. This is the general form of
//! what Go's store-to-load forwarding and dead-auto elimination achieve for such arrays
//! (e.g. `var top [65536]int; top[65535] = f(); println(top[65535])` keeps a 24-byte
//! frame under Go). Indices that are constant only after constant propagation
//! ([`super::constprop`]) count too; such an index may be out of range, and that access
//! is then its index panic ([`const_oob`]), which needs no memory either.

use crate::check::hir::*;

/// At most this many distinct elements of one array are replaced by scalars; an array
/// whose code touches more keeps its memory.
pub const MAX_SCALARS: usize = 256;

/// What [`scan`] found about one function.
#[derive(Clone, Debug)]
pub struct Facts {
    /// `used[i]`: local `i` is read or written somewhere in the body (a `var` declaration
    /// alone, [`Stmt::Zero`], does not count).
    pub used: Vec<bool>,
    /// `scalars[i]`: local `i` is an array replaced by scalars; the flat (row-major)
    /// indices of the elements the body touches, sorted.
    pub scalars: Vec<Option<Vec<u64>>>,
    /// `deferred[i]`: local `i`'s one assignment is evaluated at its one read instead
    /// ([`deferred_locals`]).
    pub deferred: Vec<bool>,
}

impl Facts {
    /// Whether local `id` is replaced by scalars.
    pub fn is_scalarized(&self, id: LocalId) -> bool {
        self.scalars[id.0 as usize].is_some()
    }
}

/// Whether `ty` is a scalar (`int` or `bool`), the element type at the bottom of every
/// array.
fn is_scalar(ty: &Type) -> bool {
    matches!(ty, Type::Int | Type::Bool)
}

/// When `e` is an element access `a[c1][c2]...` of a local array `a` with constant
/// indices, reaching a scalar: the local and the element's flat (row-major) index.
pub fn const_element(e: &Expr) -> Option<(LocalId, u64)> {
    if !is_scalar(&e.ty) {
        return None;
    }
    let mut idx = Vec::new();
    let mut cur = e;
    while let ExprKind::Index(base, i) = &cur.kind {
        let (Type::Array(n, _), ExprKind::Const(c)) = (&base.ty, &i.kind) else {
            return None;
        };
        if *c < 0 || *c as u64 >= *n {
            return None;
        }
        idx.push((*c as u64, *n));
        cur = base;
    }
    let ExprKind::Local(id) = cur.kind else {
        return None;
    };
    if idx.is_empty() {
        return None;
    }
    // `idx` runs from the innermost index to the outermost.
    let mut flat = 0u64;
    let mut stride = 1u64;
    for (c, n) in idx {
        flat = flat.checked_add(c.checked_mul(stride)?)?;
        stride = stride.checked_mul(n)?;
    }
    Some((id, flat))
}

/// When `e` is an element access `a[c1][c2]...` of a local array `a` with constant
/// indices, reaching a scalar, one of which is out of range (after constant propagation,
/// [`super::constprop`]): the local, and the first index (outermost first, the order Go
/// checks them in) that is out of range with its array's length. Such an access is its
/// index panic: it needs no memory.
pub fn const_oob(e: &Expr) -> Option<(LocalId, i64, u64)> {
    if !is_scalar(&e.ty) {
        return None;
    }
    let mut bad = None;
    let mut cur = e;
    while let ExprKind::Index(base, i) = &cur.kind {
        let (Type::Array(n, _), ExprKind::Const(c)) = (&base.ty, &i.kind) else {
            return None;
        };
        if *c < 0 || *c as u64 >= *n {
            // The loop runs from the innermost index out: keep the outermost.
            bad = Some((*c, *n));
        }
        cur = base;
    }
    let ExprKind::Local(id) = cur.kind else {
        return None;
    };
    bad.map(|(c, n)| (id, c, n))
}

/// The scalar leaves of an array literal whose nested arrays are all literals: (flat
/// index, expression) in source (evaluation) order; `None` when some nested array
/// element is not a literal.
pub fn literal_leaves(e: &Expr) -> Option<Vec<(u64, &Expr)>> {
    fn go<'e>(e: &'e Expr, base: u64, out: &mut Vec<(u64, &'e Expr)>) -> Option<()> {
        let (ExprKind::ArrayLit(elems), Type::Array(_, el)) = (&e.kind, &e.ty) else {
            return None;
        };
        let stride = scalar_count(el);
        for (i, x) in elems {
            let at = base.checked_add(i.checked_mul(stride)?)?;
            if is_scalar(&x.ty) {
                out.push((at, x));
            } else {
                go(x, at, out)?;
            }
        }
        Some(())
    }
    let mut out = Vec::new();
    go(e, 0, &mut out)?;
    Some(out)
}

/// Number of scalars in a value of type `ty` (saturating).
fn scalar_count(ty: &Type) -> u64 {
    match ty {
        Type::Array(n, el) => n.saturating_mul(scalar_count(el)),
        _ => 1,
    }
}

/// Calls `f` on every expression of `ss` (statements at any depth), outermost first;
/// `f` returns whether to visit the expression's operands too.
pub fn visit_exprs(ss: &[Stmt], f: &mut impl FnMut(&Expr) -> bool) {
    for s in ss {
        visit_stmt_exprs(s, f);
    }
}

fn visit_stmt_exprs(s: &Stmt, f: &mut impl FnMut(&Expr) -> bool) {
    match s {
        Stmt::Block(b) => visit_exprs(b, f),
        Stmt::Expr(e) => visit_expr(e, f),
        Stmt::Zero(_) | Stmt::Break | Stmt::Continue => {}
        Stmt::Assign(lhs, rhs) => {
            lhs.iter().flatten().for_each(|e| visit_expr(e, f));
            rhs.iter().for_each(|e| visit_expr(e, f));
        }
        Stmt::AssignCall(lhs, _, args) => {
            lhs.iter().flatten().for_each(|e| visit_expr(e, f));
            args.iter().for_each(|e| visit_expr(e, f));
        }
        Stmt::OpAssign(_, l, r) => {
            visit_expr(l, f);
            visit_expr(r, f);
        }
        Stmt::If(c, t, e) => {
            visit_expr(c, f);
            visit_exprs(t, f);
            visit_exprs(e, f);
        }
        Stmt::For { cond, post, body } => {
            if let Some(c) = cond {
                visit_expr(c, f);
            }
            visit_exprs(post, f);
            visit_exprs(body, f);
        }
        Stmt::Switch { cases, default } => {
            for c in cases {
                c.conds.iter().for_each(|e| visit_expr(e, f));
                visit_exprs(&c.body, f);
            }
            if let Some(d) = default {
                visit_exprs(d, f);
            }
        }
        Stmt::Return(es) => es.iter().for_each(|e| visit_expr(e, f)),
        Stmt::Print { args, .. } => {
            for a in args {
                if let PrintArg::Value(e) = a {
                    visit_expr(e, f);
                }
            }
        }
        Stmt::Panic(PanicArg::Value(e)) => visit_expr(e, f),
        Stmt::Panic(PanicArg::Str(_)) => {}
        Stmt::Go { args, .. } => args.iter().for_each(|e| visit_expr(e, f)),
        Stmt::Send { chan, value } => {
            visit_expr(chan, f);
            visit_expr(value, f);
        }
        Stmt::RecvOk { value, ok, chan } => {
            value.iter().chain(ok).for_each(|e| visit_expr(e, f));
            visit_expr(chan, f);
        }
        Stmt::Close(e) => visit_expr(e, f),
        Stmt::Select { cases, default, .. } => {
            for c in cases {
                match &c.comm {
                    Comm::Send { chan, value } => {
                        visit_expr(chan, f);
                        visit_expr(value, f);
                    }
                    Comm::Recv { chan, value, ok } => {
                        visit_expr(chan, f);
                        value.iter().chain(ok).for_each(|e| visit_expr(e, f));
                    }
                }
                visit_exprs(&c.body, f);
            }
            if let Some(d) = default {
                visit_exprs(d, f);
            }
        }
        Stmt::Gosched(_) => {}
    }
}

/// Calls `f` on `e` and (while `f` returns true) on its operands, outermost first.
pub fn visit_expr(e: &Expr, f: &mut impl FnMut(&Expr) -> bool) {
    if !f(e) {
        return;
    }
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Nil | ExprKind::Local(_) | ExprKind::Global(_) => {}
        ExprKind::Unary(_, x) | ExprKind::Deref(x) | ExprKind::AddrOf(x) | ExprKind::Len(x) => {
            visit_expr(x, f)
        }
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => {
            visit_expr(l, f);
            visit_expr(r, f);
        }
        ExprKind::Call(_, args) => args.iter().for_each(|a| visit_expr(a, f)),
        ExprKind::ArrayLit(elems) => elems.iter().for_each(|(_, x)| visit_expr(x, f)),
        ExprKind::Recv(x) => visit_expr(x, f),
        ExprKind::MakeChan(cap) => cap.iter().for_each(|x| visit_expr(x, f)),
        ExprKind::NumGoroutine => {}
    }
}

/// Whether `e` mentions local `id` anywhere.
pub fn mentions_local(e: &Expr, id: LocalId) -> bool {
    let mut found = false;
    visit_expr(e, &mut |x| {
        if matches!(x.kind, ExprKind::Local(l) if l == id) {
            found = true;
        }
        !found
    });
    found
}

/// Whether evaluating `e` may read memory through a pointer (a dereference, or an
/// index of a pointer to an array) or call a function (which may do so).
pub fn reads_through_pointers(e: &Expr) -> bool {
    let mut found = false;
    visit_expr(e, &mut |x| {
        match &x.kind {
            ExprKind::Deref(_) | ExprKind::Call(..) => found = true,
            ExprKind::Index(b, _) if b.ty.is_pointer() => found = true,
            _ => {}
        }
        !found
    });
    found
}

/// Scans function `f`'s body (see the module docs); `stable(g)`: global `g` keeps its
/// value while `f` runs.
pub fn scan(f: &Func, stable: &dyn Fn(GlobalId) -> bool) -> Facts {
    let n = f.locals.len();
    let mut used = vec![false; n];
    let first_plain = f.params + f.results.len();
    let mut ok: Vec<bool> = f
        .locals
        .iter()
        .enumerate()
        .map(|(i, l)| i >= first_plain && l.ty.is_array() && !l.addr_taken)
        .collect();
    let mut elems: Vec<std::collections::BTreeSet<u64>> = vec![Default::default(); n];
    // Element accesses with constant indices are recorded as such; any other mention of
    // an array local is a whole-value use.
    let mut on_expr = |e: &Expr, used: &mut Vec<bool>, ok: &mut Vec<bool>| {
        visit_expr(e, &mut |x| {
            if let Some((id, flat)) = const_element(x) {
                used[id.0 as usize] = true;
                elems[id.0 as usize].insert(flat);
                return false;
            }
            if let Some((id, ..)) = const_oob(x) {
                used[id.0 as usize] = true;
                return false;
            }
            if let ExprKind::Local(id) = x.kind {
                used[id.0 as usize] = true;
                ok[id.0 as usize] = false;
            }
            true
        });
    };
    // Statements: whole-array assignments of nested literals are element writes.
    fn walk<'s>(ss: &'s [Stmt], on_stmt: &mut impl FnMut(&'s Stmt) -> bool) {
        for s in ss {
            if !on_stmt(s) {
                continue;
            }
            match s {
                Stmt::Block(b) => walk(b, on_stmt),
                Stmt::If(_, t, e) => {
                    walk(t, on_stmt);
                    walk(e, on_stmt);
                }
                Stmt::For { post, body, .. } => {
                    walk(post, on_stmt);
                    walk(body, on_stmt);
                }
                Stmt::Switch { cases, default } => {
                    for c in cases {
                        walk(&c.body, on_stmt);
                    }
                    if let Some(d) = default {
                        walk(d, on_stmt);
                    }
                }
                _ => {}
            }
        }
    }
    walk(&f.body, &mut |s| match s {
        Stmt::Assign(lhs, rhs) if lhs.len() == 1 => {
            if let (
                Some(Expr {
                    kind: ExprKind::Local(id),
                    ..
                }),
                Some(leaves),
            ) = (&lhs[0], literal_leaves(&rhs[0]))
            {
                used[id.0 as usize] = true;
                for (_, x) in leaves {
                    on_expr(x, &mut used, &mut ok);
                }
                return false;
            }
            if let Some(Expr {
                kind: ExprKind::Local(id),
                ty: Type::Array(..),
                ..
            }) = &lhs[0]
            {
                // A whole array written from another: only its touched elements are
                // copied (read from the source).
                used[id.0 as usize] = true;
            } else {
                lhs.iter()
                    .flatten()
                    .for_each(|e| on_expr(e, &mut used, &mut ok));
            }
            on_expr(&rhs[0], &mut used, &mut ok);
            false
        }
        Stmt::AssignCall(lhs, _, args) => {
            for l in lhs.iter().flatten() {
                match l {
                    Expr {
                        kind: ExprKind::Local(id),
                        ty: Type::Array(..),
                        ..
                    } => used[id.0 as usize] = true,
                    _ => on_expr(l, &mut used, &mut ok),
                }
            }
            args.iter().for_each(|e| on_expr(e, &mut used, &mut ok));
            false
        }
        Stmt::Block(_) => true,
        Stmt::If(c, ..) => {
            on_expr(c, &mut used, &mut ok);
            true
        }
        Stmt::For { cond, .. } => {
            if let Some(c) = cond {
                on_expr(c, &mut used, &mut ok);
            }
            true
        }
        Stmt::Switch { cases, .. } => {
            for c in cases {
                c.conds.iter().for_each(|e| on_expr(e, &mut used, &mut ok));
            }
            true
        }
        other => {
            visit_stmt_exprs(other, &mut |e| {
                on_expr(e, &mut used, &mut ok);
                false
            });
            false
        }
    });
    let scalars = (0..n)
        .map(|i| {
            (ok[i] && elems[i].len() <= MAX_SCALARS).then(|| elems[i].iter().copied().collect())
        })
        .collect();
    Facts {
        used,
        scalars,
        deferred: deferred_locals(f, stable),
    }
}

/// Go's inlining budget: a function of at most this many nodes (statements and
/// expressions) may be inlined.
pub const INLINE_BUDGET: usize = 80;

/// Number of nodes (statements and expressions) of `ss`, as counted for
/// [`INLINE_BUDGET`].
pub fn cost(ss: &[Stmt]) -> usize {
    fn stmts(ss: &[Stmt]) -> usize {
        ss.iter()
            .map(|s| {
                1 + match s {
                    Stmt::Block(b) => stmts(b),
                    Stmt::If(_, t, e) => stmts(t) + stmts(e),
                    Stmt::For { post, body, .. } => stmts(post) + stmts(body),
                    Stmt::Switch { cases, default } => {
                        cases.iter().map(|c| stmts(&c.body)).sum::<usize>()
                            + default.as_deref().map_or(0, stmts)
                    }
                    _ => 0,
                }
            })
            .sum()
    }
    let mut exprs = 0;
    visit_exprs(ss, &mut |_| {
        exprs += 1;
        true
    });
    stmts(ss) + exprs
}

/// Which functions of `prog` are inlined at their call sites: small leaves. A function
/// qualifies when it is not `main` or the package initializer, calls nothing (`print`,
/// `println` and `panic` are fine: they call the runtime, which runs on the system
/// stack), has only scalar and pointer locals (parameters and results included: no
/// arrays), none of them address-taken, and costs at most [`INLINE_BUDGET`] nodes (any
/// number of results: inlined, they are plain values). Having no calls, it cannot be
/// recursive. A loop is fine (Go inlines loops too): `qsort_ptr.go`'s `partition`
/// inlined into the recursive `qsort` runs its loops as they ran alone.
pub fn inlinable(prog: &Program) -> Vec<bool> {
    prog.funcs
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let id = FuncId(i as u32);
            if id == prog.main || id == prog.init {
                return false;
            }
            let locals_ok = f.locals.iter().all(|l| {
                !l.addr_taken && matches!(l.ty, Type::Int | Type::Bool | Type::Pointer(_))
            });
            if !locals_ok {
                return false;
            }
            let mut calls = false;
            visit_exprs(&f.body, &mut |e| {
                if matches!(e.kind, ExprKind::Call(..)) {
                    calls = true;
                }
                !calls
            });
            let mut assign_call = false;
            visit_stmts(&f.body, &mut |s| {
                if matches!(s, Stmt::AssignCall(..)) {
                    assign_call = true;
                }
            });
            !calls && !assign_call && cost(&f.body) <= INLINE_BUDGET
        })
        .collect()
}

/// Calls `f` on every statement of `ss`, at any depth.
pub fn visit_stmts(ss: &[Stmt], f: &mut impl FnMut(&Stmt)) {
    for s in ss {
        f(s);
        match s {
            Stmt::Block(b) => visit_stmts(b, f),
            Stmt::If(_, t, e) => {
                visit_stmts(t, f);
                visit_stmts(e, f);
            }
            Stmt::For { post, body, .. } => {
                visit_stmts(post, f);
                visit_stmts(body, f);
            }
            Stmt::Switch { cases, default } => {
                for c in cases {
                    visit_stmts(&c.body, f);
                }
                if let Some(d) = default {
                    visit_stmts(d, f);
                }
            }
            Stmt::Select { cases, default, .. } => {
                for c in cases {
                    visit_stmts(&c.body, f);
                }
                if let Some(d) = default {
                    visit_stmts(d, f);
                }
            }
            _ => {}
        }
    }
}

/// A range `lo..=hi` that every value of the `int` expression `e` lies in, when one is
/// evident from its form alone (constants, loop counters with known `ranges`, `&` with a
/// non-negative operand, `%` and `>>` of a non-negative operand by a constant); used to
/// drop provably redundant bounds checks.
pub fn value_range(e: &Expr, ranges: &[(LocalId, i64, i64)]) -> Option<(i64, i64)> {
    if e.ty != Type::Int {
        return None;
    }
    let nonneg = |e: &Expr| value_range(e, ranges).filter(|r| r.0 >= 0);
    match &e.kind {
        ExprKind::Const(c) => Some((*c, *c)),
        ExprKind::Local(id) => ranges.iter().rev().find(|r| r.0 == *id).map(|r| (r.1, r.2)),
        ExprKind::Binary(BinOp::And, l, r) => match (nonneg(l), nonneg(r)) {
            (Some(a), Some(b)) => Some((0, a.1.min(b.1))),
            (Some(a), None) | (None, Some(a)) => Some((0, a.1)),
            (None, None) => None,
        },
        // x &^ y keeps only bits of x.
        ExprKind::Binary(BinOp::AndNot, l, _) => nonneg(l).map(|a| (0, a.1)),
        // Go's remainder has the sign of the dividend.
        ExprKind::Binary(BinOp::Rem, l, r) => match (&r.kind, nonneg(l)) {
            (ExprKind::Const(c), Some(a)) if *c != 0 && *c != i64::MIN => {
                Some((0, a.1.min(c.abs() - 1)))
            }
            _ => None,
        },
        ExprKind::Binary(BinOp::Shr, l, r) => match (&r.kind, nonneg(l)) {
            (ExprKind::Const(k), Some(a)) if (0..64).contains(k) => Some((a.0 >> k, a.1 >> k)),
            _ => None,
        },
        _ => None,
    }
}

/// `written[f][g]`: function `f`, or a function it calls (directly or not), may assign
/// global `g` (pointers never point to globals, so only assignments to `g`, `g[i]`, ...
/// do).
pub fn globals_written(prog: &Program) -> Vec<Vec<bool>> {
    let mut written = vec![vec![false; prog.globals.len()]; prog.funcs.len()];
    let mut callees: Vec<Vec<usize>> = vec![Vec::new(); prog.funcs.len()];
    fn root_global(e: &Expr) -> Option<GlobalId> {
        match &e.kind {
            ExprKind::Global(g) => Some(*g),
            ExprKind::Index(b, _) => root_global(b),
            _ => None,
        }
    }
    for (i, f) in prog.funcs.iter().enumerate() {
        visit_stmts(&f.body, &mut |s| {
            let lhs: Vec<&Expr> = match s {
                Stmt::Assign(lhs, _) | Stmt::AssignCall(lhs, _, _) => {
                    lhs.iter().flatten().collect()
                }
                Stmt::OpAssign(_, l, _) => vec![l],
                _ => Vec::new(),
            };
            for l in lhs {
                if let Some(g) = root_global(l) {
                    written[i][g.0 as usize] = true;
                }
            }
            if let Stmt::AssignCall(_, c, _) = s {
                callees[i].push(c.0 as usize);
            }
        });
        visit_exprs(&f.body, &mut |e| {
            if let ExprKind::Call(c, _) = e.kind {
                if (c.0 as usize) < prog.funcs.len() {
                    callees[i].push(c.0 as usize);
                }
            }
            true
        });
    }
    loop {
        let mut changed = false;
        for (i, cs) in callees.iter().enumerate() {
            for &c in cs {
                let from = written[c].clone();
                for (w, f) in written[i].iter_mut().zip(from) {
                    if f && !*w {
                        *w = true;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return written;
        }
    }
}

/// Which scalar locals of `f` are *deferred* ([`Facts::deferred`]); `stable(g)`: global
/// `g` keeps its value while `f` runs.
///
/// A local `a` is deferred when it is assigned exactly once, by `a = E` (or `a := E`),
/// and read exactly once, not inside a loop that does not also contain the assignment;
/// and `E` is *pure*: it cannot panic and its value cannot change between the assignment
/// and the read. `E` may use constants, parameters never assigned, locals assigned
/// exactly once (their one assignment dominates `a`'s, and any path that runs it again
/// runs `a`'s again before the read), stable scalar globals, elements of stable global
/// arrays at indices provably in range, and operators that cannot panic (division and
/// remainder only by nonzero constants, shifts only by non-negative constants). Its
/// value at the read is therefore the one it had at the assignment, so the code
/// evaluates `E` at the read instead (Go's scheduler similarly sinks such loads and
/// arithmetic to their use): `a` is then never live across anything, which keeps long
/// runs of `a1 := tab[...]; ...; use(a1, a2, ...)` from spilling.
pub fn deferred_locals(f: &Func, stable: &dyn Fn(GlobalId) -> bool) -> Vec<bool> {
    let n = f.locals.len();
    let mut defs = vec![0u32; n];
    let mut uses = vec![0u32; n];
    let mut def_depth = vec![0usize; n];
    let mut use_depth = vec![0usize; n];
    let mut def_expr: Vec<Option<&Expr>> = vec![None; n];
    fn reads(e: &Expr, depth: usize, uses: &mut [u32], use_depth: &mut [usize]) {
        visit_expr(e, &mut |x| {
            if let ExprKind::Local(id) = x.kind {
                uses[id.0 as usize] += 1;
                use_depth[id.0 as usize] = depth;
            }
            true
        });
    }
    struct St<'e, 'v> {
        defs: &'v mut [u32],
        uses: &'v mut [u32],
        def_depth: &'v mut [usize],
        use_depth: &'v mut [usize],
        def_expr: &'v mut [Option<&'e Expr>],
    }
    impl<'e> St<'e, '_> {
        /// A left-hand side: a whole local is assigned; anything else reads its operands.
        fn lhs(&mut self, l: &'e Expr, depth: usize) -> Option<LocalId> {
            if let ExprKind::Local(id) = l.kind {
                self.defs[id.0 as usize] += 1;
                self.def_depth[id.0 as usize] = depth;
                return Some(id);
            }
            reads(l, depth, self.uses, self.use_depth);
            None
        }
        fn stmts(&mut self, ss: &'e [Stmt], depth: usize) {
            for s in ss {
                match s {
                    Stmt::Block(b) => self.stmts(b, depth),
                    Stmt::Expr(e) => reads(e, depth, self.uses, self.use_depth),
                    Stmt::Zero(id) => {
                        self.defs[id.0 as usize] += 1;
                    }
                    Stmt::Assign(lhs, rhs) => {
                        let single = lhs.len() == 1;
                        for (l, r) in lhs.iter().zip(rhs) {
                            if let Some(l) = l {
                                if let (Some(id), true) = (self.lhs(l, depth), single) {
                                    self.def_expr[id.0 as usize] = Some(r);
                                }
                            }
                        }
                        rhs.iter()
                            .for_each(|r| reads(r, depth, self.uses, self.use_depth));
                    }
                    Stmt::AssignCall(lhs, _, args) => {
                        lhs.iter().flatten().for_each(|l| {
                            self.lhs(l, depth);
                        });
                        args.iter()
                            .for_each(|a| reads(a, depth, self.uses, self.use_depth));
                    }
                    Stmt::OpAssign(_, l, r) => {
                        // Reads and writes `l`.
                        reads(l, depth, self.uses, self.use_depth);
                        self.lhs(l, depth);
                        reads(r, depth, self.uses, self.use_depth);
                    }
                    Stmt::If(c, t, e) => {
                        reads(c, depth, self.uses, self.use_depth);
                        self.stmts(t, depth);
                        self.stmts(e, depth);
                    }
                    Stmt::For { cond, post, body } => {
                        if let Some(c) = cond {
                            reads(c, depth + 1, self.uses, self.use_depth);
                        }
                        self.stmts(post, depth + 1);
                        self.stmts(body, depth + 1);
                    }
                    Stmt::Switch { cases, default } => {
                        for c in cases {
                            c.conds
                                .iter()
                                .for_each(|e| reads(e, depth, self.uses, self.use_depth));
                            self.stmts(&c.body, depth);
                        }
                        if let Some(d) = default {
                            self.stmts(d, depth);
                        }
                    }
                    Stmt::Break | Stmt::Continue => {}
                    Stmt::Return(es) => es
                        .iter()
                        .for_each(|e| reads(e, depth, self.uses, self.use_depth)),
                    Stmt::Print { args, .. } => {
                        for a in args {
                            if let PrintArg::Value(e) = a {
                                reads(e, depth, self.uses, self.use_depth);
                            }
                        }
                    }
                    Stmt::Panic(PanicArg::Value(e)) => reads(e, depth, self.uses, self.use_depth),
                    Stmt::Panic(PanicArg::Str(_)) | Stmt::Gosched(_) => {}
                    Stmt::Go { args, .. } => args
                        .iter()
                        .for_each(|e| reads(e, depth, self.uses, self.use_depth)),
                    Stmt::Send { chan, value } => {
                        reads(chan, depth, self.uses, self.use_depth);
                        reads(value, depth, self.uses, self.use_depth);
                    }
                    Stmt::RecvOk { value, ok, chan } => {
                        value.iter().chain(ok).for_each(|l| {
                            self.lhs(l, depth);
                        });
                        reads(chan, depth, self.uses, self.use_depth);
                    }
                    Stmt::Close(e) => reads(e, depth, self.uses, self.use_depth),
                    Stmt::Select { cases, default, .. } => {
                        for c in cases {
                            match &c.comm {
                                Comm::Send { chan, value } => {
                                    reads(chan, depth, self.uses, self.use_depth);
                                    reads(value, depth, self.uses, self.use_depth);
                                }
                                Comm::Recv { chan, value, ok } => {
                                    reads(chan, depth, self.uses, self.use_depth);
                                    value.iter().chain(ok).for_each(|l| {
                                        self.lhs(l, depth);
                                    });
                                }
                            }
                        }
                        for c in cases {
                            self.stmts(&c.body, depth);
                        }
                        if let Some(d) = default {
                            self.stmts(d, depth);
                        }
                    }
                }
            }
        }
    }
    St {
        defs: &mut defs,
        uses: &mut uses,
        def_depth: &mut def_depth,
        use_depth: &mut use_depth,
        def_expr: &mut def_expr,
    }
    .stmts(&f.body, 0);
    let first_plain = f.params + f.results.len();
    let scalar_var = |id: LocalId| {
        let l = &f.locals[id.0 as usize];
        !l.addr_taken && matches!(l.ty, Type::Int | Type::Bool)
    };
    // Locals whose value never changes once set: parameters never assigned, and plain
    // locals assigned once.
    let fixed = |id: LocalId| {
        let i = id.0 as usize;
        scalar_var(id) && ((i < f.params && defs[i] == 0) || (i >= first_plain && defs[i] == 1))
    };
    fn pure(e: &Expr, fixed: &dyn Fn(LocalId) -> bool, stable: &dyn Fn(GlobalId) -> bool) -> bool {
        let p = |x: &Expr| pure(x, fixed, stable);
        if !matches!(e.ty, Type::Int | Type::Bool) {
            return false;
        }
        match &e.kind {
            ExprKind::Const(_) => true,
            ExprKind::Local(id) => fixed(*id),
            ExprKind::Global(g) => stable(*g),
            ExprKind::Unary(_, x) => p(x),
            ExprKind::Binary(op, l, r) => {
                let rc = match r.kind {
                    ExprKind::Const(c) => Some(c),
                    _ => None,
                };
                let r_ok = match op {
                    BinOp::Div | BinOp::Rem => rc.is_some_and(|c| c != 0),
                    BinOp::Shl | BinOp::Shr => rc.is_some_and(|c| c >= 0),
                    _ => p(r),
                };
                r_ok && p(l)
            }
            ExprKind::Index(base, idx) => match (&base.kind, &base.ty) {
                (ExprKind::Global(g), Type::Array(n, _)) => {
                    stable(*g)
                        && p(idx)
                        && value_range(idx, &[]).is_some_and(|(lo, hi)| lo >= 0 && (hi as u64) < *n)
                }
                _ => false,
            },
            _ => false,
        }
    }
    (0..n)
        .map(|i| {
            let id = LocalId(i as u32);
            i >= first_plain
                && scalar_var(id)
                && defs[i] == 1
                && uses[i] == 1
                && use_depth[i] == def_depth[i]
                && def_expr[i].is_some_and(|e| pure(e, &fixed, stable))
        })
        .collect()
}

/// Whether function `fid` calls no generated function once the calls to inlined
/// functions (`inline`) are lowered in place: only the runtime (`print`, `println`,
/// `panic`, run-time errors), through the host-call thunk.
pub fn is_leaf(prog: &Program, fid: FuncId, inline: &[bool]) -> bool {
    let f = &prog.funcs[fid.0 as usize];
    let mut calls = false;
    visit_exprs(&f.body, &mut |e| {
        if let ExprKind::Call(c, _) = e.kind {
            if !inline.get(c.0 as usize).copied().unwrap_or(false) {
                calls = true;
            }
        }
        !calls
    });
    visit_stmts(&f.body, &mut |s| {
        if let Stmt::AssignCall(_, c, _) = s {
            if !inline.get(c.0 as usize).copied().unwrap_or(false) {
                calls = true;
            }
        }
    });
    !calls
}

/// Whether evaluating `e` can neither panic nor call anything: constants, variables,
/// elements at constant indices of arrays (not through pointers), and operators that
/// cannot fail (division and remainder only by nonzero constants, shifts only by
/// non-negative constants).
pub fn cannot_panic(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Nil | ExprKind::Local(_) | ExprKind::Global(_) => true,
        ExprKind::Unary(_, x) => cannot_panic(x),
        ExprKind::Binary(op, l, r) => {
            let rc = match r.kind {
                ExprKind::Const(c) => Some(c),
                _ => None,
            };
            let r_ok = match op {
                BinOp::Div | BinOp::Rem => rc.is_some_and(|c| c != 0),
                BinOp::Shl | BinOp::Shr => rc.is_some_and(|c| c >= 0),
                _ => cannot_panic(r),
            };
            r_ok && cannot_panic(l)
        }
        ExprKind::Index(base, idx) => {
            base.ty.is_array() && matches!(idx.kind, ExprKind::Const(_)) && cannot_panic(base)
        }
        _ => false,
    }
}

/// Loop nesting past which a function keeps its `int` and `bool` variables in its frame
/// (see `lower`).
pub const DEEP_LOOPS: usize = 32;

/// The deepest nesting of `for` loops in `ss`.
pub fn loop_depth(ss: &[Stmt]) -> usize {
    ss.iter()
        .map(|s| match s {
            Stmt::Block(b) => loop_depth(b),
            Stmt::If(_, t, e) => loop_depth(t).max(loop_depth(e)),
            Stmt::For { post, body, .. } => 1 + loop_depth(body).max(loop_depth(post)),
            Stmt::Switch { cases, default } => cases
                .iter()
                .map(|c| loop_depth(&c.body))
                .chain(default.as_deref().map(loop_depth))
                .max()
                .unwrap_or(0),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

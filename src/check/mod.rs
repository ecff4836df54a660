//! The checker: names, types, constants, Go's compile-time rules and the pointer rules.
//! Produces the checked program of [`hir`].
//!
//! Errors are collected with their positions (Go's type checker reports an error about an
//! expression at the expression's first token), sorted, and the first ten are returned, as
//! `go build` prints them, "declared but not used" among them (as gc sorts them), except in
//! a function where the parser left out something outside the subset.

pub mod consts;
mod expr;
mod goroutine;
#[cfg(test)]
mod goroutine_tests;
pub mod hir;
mod stmt;
#[cfg(test)]
mod tests;

use crate::diag::Diagnostic;
use crate::syntax::ast;
use consts::CV;
use hir::{FuncId, GlobalId, LocalId, Pos, Type};
use std::collections::{HashMap, HashSet};

/// Parses and checks a whole source file.
///
/// Runs on a thread with a large stack, so that deeply nested (but accepted) programs
/// cannot overflow the compiler's own stack.
pub fn check_program(filename: &str, src: &str) -> Result<hir::Program, Vec<Diagnostic>> {
    let _ = filename;
    std::thread::scope(|s| {
        let h = std::thread::Builder::new()
            .name("morestack-check".into())
            .stack_size(256 << 20)
            .spawn_scoped(s, || check_bytes(src.as_bytes()));
        match h {
            Ok(h) => h.join().unwrap_or_else(|_| {
                Err(vec![Diagnostic::new(
                    Pos::default(),
                    "internal compiler error in the front end",
                )])
            }),
            Err(_) => check_bytes(src.as_bytes()),
        }
    })
}

/// Parses and checks a source file given as bytes (it may hold invalid UTF-8).
pub fn check_bytes(src: &[u8]) -> Result<hir::Program, Vec<Diagnostic>> {
    let parsed = crate::syntax::parse_file(src)?;
    let mut c = Checker::new(&parsed.file);
    c.subset_at = parsed.subset_errors.iter().map(|d| d.pos).collect();
    c.errs.extend(parsed.subset_errors);
    c.lex_at = parsed.lex_errors.iter().map(|d| d.pos).collect();
    c.errs.extend(parsed.lex_errors);
    c.run();
    c.finish()
}

/// Checker-level types: Go's types plus the untyped kinds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ty {
    /// Error already reported.
    Invalid,
    UntypedInt,
    UntypedBool,
    UntypedNil,
    T(Type),
    /// Several results of a call.
    Tuple(Vec<Type>),
    /// A call without results.
    Void,
}

impl Ty {
    fn show(&self) -> String {
        match self {
            Ty::Invalid => "invalid type".into(),
            Ty::UntypedInt => "untyped int".into(),
            Ty::UntypedBool => "untyped bool".into(),
            Ty::UntypedNil => "untyped nil".into(),
            Ty::T(t) => show_type(t),
            Ty::Tuple(ts) => format!(
                "({})",
                ts.iter().map(show_type).collect::<Vec<_>>().join(", ")
            ),
            Ty::Void => "no value".into(),
        }
    }
}

/// Go's spelling of a type.
pub fn show_type(t: &Type) -> String {
    match t {
        Type::Int => "int".into(),
        Type::Bool => "bool".into(),
        Type::Array(n, e) => format!("[{n}]{}", show_type(e)),
        Type::Pointer(e) => format!("*{}", show_type(e)),
        Type::Chan(e) => format!("chan {}", show_type(e)),
    }
}

/// What a name denotes.
#[derive(Clone, Debug)]
pub(crate) enum Entity {
    Local(LocalId),
    Global(GlobalId),
    Func(FuncId),
    Const(Ty, CV),
    PkgConst(usize),
    Type(Type),
    UnsupportedType,
    Builtin(&'static str),
    UnsupportedBuiltin,
    Nil,
    Iota,
    /// An imported package (index in [`Checker::imports`]).
    Package(usize),
}

fn universe(name: &str) -> Option<Entity> {
    Some(match name {
        "int" => Entity::Type(Type::Int),
        "bool" => Entity::Type(Type::Bool),
        "true" => Entity::Const(Ty::UntypedBool, CV::Bool(true)),
        "false" => Entity::Const(Ty::UntypedBool, CV::Bool(false)),
        "nil" => Entity::Nil,
        "iota" => Entity::Iota,
        "len" => Entity::Builtin("len"),
        "print" => Entity::Builtin("print"),
        "println" => Entity::Builtin("println"),
        "panic" => Entity::Builtin("panic"),
        "make" => Entity::Builtin("make"),
        "close" => Entity::Builtin("close"),
        "string" | "byte" | "rune" | "float32" | "float64" | "complex64" | "complex128"
        | "int8" | "int16" | "int32" | "int64" | "uint" | "uint8" | "uint16" | "uint32"
        | "uint64" | "uintptr" | "error" | "any" | "comparable" => Entity::UnsupportedType,
        "append" | "cap" | "clear" | "complex" | "copy" | "delete" | "imag" | "max" | "min"
        | "new" | "real" | "recover" => Entity::UnsupportedBuiltin,
        _ => return None,
    })
}

/// A dependency of a package-level variable's initializer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Dep {
    Global(GlobalId),
    Func(FuncId),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Todo,
    InProgress,
    Done,
}

struct PkgConst<'a> {
    spec: &'a ast::ConstSpec,
    index: usize,
    state: State,
    value: Option<(Ty, CV)>,
}

struct GlobalInfo {
    pos: Pos,
    decl: usize,
}

struct VarDecl<'a> {
    spec: &'a ast::VarSpec,
    globals: Vec<GlobalId>,
    state: State,
    stmts: Vec<hir::Stmt>,
    deps: HashSet<Dep>,
}

struct FuncInfo<'a> {
    decl: &'a ast::FuncDecl,
    params: Vec<Type>,
    results: Vec<Type>,
    deps: HashSet<Dep>,
}

#[derive(Clone, Debug)]
pub(crate) struct LocalInfo {
    pos: Pos,
    used: bool,
    /// A user variable that must be used (not a parameter, result or temporary).
    check_used: bool,
}

/// Per-function checking state.
#[derive(Default)]
pub(crate) struct FnCtx {
    locals: Vec<hir::Local>,
    info: Vec<LocalInfo>,
    scopes: Vec<HashMap<String, Entity>>,
    /// For each name declared in an open scope, its entities from the outermost scope to
    /// the innermost: a lookup takes the last one, in constant time however deeply the
    /// scopes nest (10 000 `else if`s are 10 000 nested scopes).
    visible: HashMap<String, Vec<Entity>>,
    results: Vec<Type>,
    /// Named results (their ids), if the results are named.
    result_names: Vec<(String, LocalId)>,
    /// Stack of enclosing breakable statements: `true` for loops.
    breakable: Vec<bool>,
    /// Statements to run before the statement being checked.
    pre: Vec<hir::Stmt>,
    /// Function calls checked so far in the current statement (to keep Go's call order
    /// when a call must be hoisted into `pre`).
    calls: u32,
}

/// An import (only `"runtime"` reaches the checker).
pub(crate) struct ImportInfo {
    /// The name it declares in the file (`runtime`, or the explicit name).
    name: String,
    /// The explicit name, if any (for Go's message about an unused import).
    alias: Option<String>,
    /// The path's position.
    pos: Pos,
    /// Whether a selector used it.
    used: bool,
}

pub(crate) struct Checker<'a> {
    file: &'a ast::File,
    /// The file's imports.
    imports: Vec<ImportInfo>,
    errs: Vec<Diagnostic>,
    soft: Vec<Diagnostic>,
    /// Where the parser left out something outside the subset (a function literal, ...):
    /// what it uses is unknown, so the function around it reports no unused variables.
    subset_at: Vec<Pos>,
    /// Where the lexer reported errors in a file that still parsed.
    pub(crate) lex_at: Vec<Pos>,
    pkg: HashMap<String, Entity>,
    consts: Vec<PkgConst<'a>>,
    globals: Vec<hir::Global>,
    ginfo: Vec<GlobalInfo>,
    vars: Vec<VarDecl<'a>>,
    funcs: Vec<FuncInfo<'a>>,
    inits: Vec<FuncId>,
    hfuncs: Vec<Option<hir::Func>>,
    f: FnCtx,
    /// The init function's context while checking package-level initializers.
    init_ctx: Option<FnCtx>,
    deps: HashSet<Dep>,
    iota: Option<i64>,
    main: Option<FuncId>,
}

impl<'a> Checker<'a> {
    fn new(file: &'a ast::File) -> Self {
        Checker {
            file,
            imports: Vec::new(),
            errs: Vec::new(),
            soft: Vec::new(),
            subset_at: Vec::new(),
            lex_at: Vec::new(),
            pkg: HashMap::new(),
            consts: Vec::new(),
            globals: Vec::new(),
            ginfo: Vec::new(),
            vars: Vec::new(),
            funcs: Vec::new(),
            inits: Vec::new(),
            hfuncs: Vec::new(),
            f: FnCtx::default(),
            init_ctx: None,
            deps: HashSet::new(),
            iota: None,
            main: None,
        }
    }

    pub(crate) fn err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.errs.push(Diagnostic::new(pos, msg));
    }

    /// A subset error found by the checker (valid Go outside the subset): like one the
    /// parser reports, the function around it reports no unused variables.
    pub(crate) fn subset_err(&mut self, pos: Pos, msg: impl Into<String>) {
        self.subset_at.push(pos);
        self.err(pos, msg);
    }

    fn finish(mut self) -> Result<hir::Program, Vec<Diagnostic>> {
        let mut errs = std::mem::take(&mut self.errs);
        errs.append(&mut self.soft);
        if !errs.is_empty() {
            errs.sort_by_key(|d| d.pos);
            errs.dedup_by(|a, b| a.pos.line == b.pos.line && a.message == b.message);
            errs.truncate(10);
            return Err(errs);
        }
        let funcs: Vec<hir::Func> = self.hfuncs.into_iter().map(|f| f.unwrap()).collect();
        let init = FuncId(funcs.len() as u32 - 1);
        Ok(hir::Program {
            globals: self.globals,
            funcs,
            main: self.main.unwrap(),
            init,
        })
    }

    // ------------------------------------------------------------ declarations

    fn declare_pkg(&mut self, id: &ast::Ident, e: Entity) {
        if id.name == "_" {
            return;
        }
        if id.name == "init" && !matches!(e, Entity::Func(_)) {
            self.err(id.pos, "cannot declare init - must be func");
            return;
        }
        if id.name == "main" && !matches!(e, Entity::Func(_)) {
            self.err(id.pos, "cannot declare main - must be func");
            return;
        }
        if self.pkg.contains_key(&id.name) {
            self.err(id.pos, format!("{} redeclared in this block", id.name));
            return;
        }
        if self.imports.iter().any(|i| i.name == id.name) {
            self.err(
                id.pos,
                format!(
                    "{} already declared through import of package runtime (\"runtime\")",
                    id.name
                ),
            );
            return;
        }
        self.pkg.insert(id.name.clone(), e);
    }

    fn run(&mut self) {
        let file = self.file;
        if file.package.name != "main" {
            self.err(
                file.package.pos,
                format!(
                    "package {} is not supported: the program must be package main",
                    file.package.name
                ),
            );
        }
        // Imports (the file block).
        for imp in &file.imports {
            let name = imp
                .name
                .as_ref()
                .map_or(imp.path.clone(), |n| n.name.clone());
            if name == "_" {
                continue;
            }
            if self.imports.iter().any(|i| i.name == name) {
                let pos = imp.name.as_ref().map_or(imp.pos, |n| n.pos);
                self.err(pos, format!("{name} redeclared in this block"));
                continue;
            }
            self.imports.push(ImportInfo {
                name,
                alias: imp.name.as_ref().map(|n| n.name.clone()),
                // Go reports an unused import at the spec's first token.
                pos: imp.name.as_ref().map_or(imp.pos, |n| n.pos),
                used: false,
            });
        }
        // Collect package-level objects.
        for d in &file.decls {
            match d {
                ast::Decl::Const(specs) => {
                    for spec in specs {
                        for (i, name) in spec.names.iter().enumerate() {
                            let k = self.consts.len();
                            self.consts.push(PkgConst {
                                spec,
                                index: i,
                                state: State::Todo,
                                value: None,
                            });
                            self.declare_pkg(name, Entity::PkgConst(k));
                        }
                    }
                }
                ast::Decl::Var(specs) => {
                    for spec in specs {
                        let decl = self.vars.len();
                        let mut gs = Vec::new();
                        for name in &spec.names {
                            let g = GlobalId(self.globals.len() as u32);
                            self.globals.push(hir::Global {
                                name: name.name.clone(),
                                ty: Type::Int,
                                pos: name.pos,
                            });
                            self.ginfo.push(GlobalInfo {
                                pos: name.pos,
                                decl,
                            });
                            gs.push(g);
                            self.declare_pkg(name, Entity::Global(g));
                        }
                        self.vars.push(VarDecl {
                            spec,
                            globals: gs,
                            state: State::Todo,
                            stmts: Vec::new(),
                            deps: HashSet::new(),
                        });
                    }
                }
                ast::Decl::Func(fd) => {
                    let id = FuncId(self.funcs.len() as u32);
                    self.funcs.push(FuncInfo {
                        decl: fd,
                        params: Vec::new(),
                        results: Vec::new(),
                        deps: HashSet::new(),
                    });
                    if fd.name.name == "init" {
                        self.inits.push(id);
                        if !fd.params.is_empty() || !fd.results.is_empty() {
                            self.err(
                                fd.name.pos,
                                "func init must have no arguments and no return values",
                            );
                        }
                    } else {
                        self.declare_pkg(&fd.name, Entity::Func(id));
                    }
                    if fd.name.name == "main" {
                        self.main = Some(id);
                        if !fd.params.is_empty() || !fd.results.is_empty() {
                            self.err(
                                fd.name.pos,
                                "func main must have no arguments and no return values",
                            );
                        }
                    }
                    if fd.body.is_none() {
                        self.err(fd.name.pos, "missing function body");
                    }
                }
            }
        }
        // Signatures.
        for i in 0..self.funcs.len() {
            let fd = self.funcs[i].decl;
            let params: Vec<Type> = fd
                .params
                .iter()
                .map(|p| self.resolve_type(&p.ty, TypeCtx::Local))
                .collect();
            let results: Vec<Type> = fd
                .results
                .iter()
                .map(|p| self.resolve_type(&p.ty, TypeCtx::Result))
                .collect();
            self.funcs[i].params = params;
            self.funcs[i].results = results;
        }
        // Constants, in order.
        for k in 0..self.consts.len() {
            self.pkg_const(k);
        }
        // Package-level variables, in order (with their dependencies first).
        self.init_ctx = Some(FnCtx {
            scopes: vec![HashMap::new()],
            ..FnCtx::default()
        });
        for d in 0..self.vars.len() {
            self.check_var_decl(d);
        }
        // Function bodies.
        for i in 0..self.funcs.len() {
            let h = self.check_func(i);
            self.hfuncs.push(Some(h));
        }
        for imp in &self.imports {
            if !imp.used {
                let msg = match &imp.alias {
                    Some(a) => format!("imported and not used: \"runtime\" as {a}"),
                    None => "imported and not used: \"runtime\"".to_string(),
                };
                self.errs.push(Diagnostic::new(imp.pos, msg));
            }
        }
        if self.main.is_none() && self.errs.is_empty() {
            // Go's linker reports this without a position; ours is the package name's.
            self.err(
                self.file.package.pos,
                "function main is undeclared in the main package",
            );
        }
        self.build_init();
    }

    fn pkg_const(&mut self, k: usize) -> Option<(Ty, CV)> {
        match self.consts[k].state {
            State::Done => return self.consts[k].value.clone(),
            State::InProgress => {
                let name = &self.consts[k].spec.names[self.consts[k].index];
                let (p, n) = (name.pos, name.name.clone());
                self.err(
                    p,
                    format!("initialization cycle or invalid recursive reference to constant {n}"),
                );
                return None;
            }
            State::Todo => {}
        }
        self.consts[k].state = State::InProgress;
        let spec = self.consts[k].spec;
        let index = self.consts[k].index;
        let saved_f = std::mem::take(&mut self.f);
        self.push_scope();
        let saved_deps = std::mem::take(&mut self.deps);
        let v = self.const_value(spec, index);
        self.deps = saved_deps;
        self.f = saved_f;
        self.consts[k].state = State::Done;
        self.consts[k].value = v.clone();
        v
    }

    /// Evaluates the `index`th constant of a spec.
    pub(crate) fn const_value(
        &mut self,
        spec: &'a ast::ConstSpec,
        index: usize,
    ) -> Option<(Ty, CV)> {
        let name = &spec.names[index];
        let ty = spec
            .ty
            .as_ref()
            .map(|t| self.resolve_type(t, TypeCtx::Local));
        if spec.values.is_empty() {
            if index == 0 {
                self.err(name.pos, "missing init expr for const declaration");
            }
            return None;
        }
        if index >= spec.values.len() {
            if index == spec.values.len() {
                self.err(name.pos, "missing init expr for const declaration");
            }
            return None;
        }
        if index == spec.names.len() - 1 && spec.values.len() > spec.names.len() {
            self.err(spec.values[spec.names.len()].pos, "extra init expr");
        }
        let old = self.iota.replace(spec.iota);
        let x = self.expr(&spec.values[index]);
        self.iota = old;
        if x.str_lit().is_some() {
            self.err(
                x.pos,
                "strings are only supported as arguments of print, println and panic",
            );
            return None;
        }
        if matches!(x.ty, Ty::Invalid) {
            return None;
        }
        let Some(cv) = x.cv.clone() else {
            if let Some(s) = x.str_lit() {
                let _ = s;
                self.err(
                    x.pos,
                    "strings are only supported as arguments of print, println and panic",
                );
            } else {
                let d = self.describe(&x);
                self.err(x.pos, format!("{d} is not constant"));
            }
            return None;
        };
        match ty {
            None => Some((x.ty.clone(), cv)),
            Some(t) => {
                if !matches!(t, Type::Int | Type::Bool) {
                    self.err(
                        spec.ty.as_ref().unwrap().pos(),
                        format!("invalid constant type {}", show_type(&t)),
                    );
                    return None;
                }
                let e = self.assign_conv(x, &t, "constant declaration")?;
                let _ = e;
                Some((Ty::T(t), cv))
            }
        }
    }

    pub(crate) fn check_var_decl(&mut self, d: usize) {
        match self.vars[d].state {
            State::Done => return,
            State::InProgress => {
                let g = self.vars[d].globals[0];
                let p = self.ginfo[g.0 as usize].pos;
                let n = self.globals[g.0 as usize].name.clone();
                self.err(p, format!("initialization loop for {n}"));
                return;
            }
            State::Todo => {}
        }
        self.vars[d].state = State::InProgress;
        let spec = self.vars[d].spec;
        // Switch to the init function's context (unless already in it).
        let swapped = self.init_ctx.is_some();
        let saved_f = if swapped {
            let ctx = self.init_ctx.take().unwrap();
            Some(std::mem::replace(&mut self.f, ctx))
        } else {
            None
        };
        let saved_pre = std::mem::take(&mut self.f.pre);
        let saved_deps = std::mem::take(&mut self.deps);
        let init = self.var_init(spec, TypeCtx::Global);
        let mut stmts = std::mem::take(&mut self.f.pre);
        let gids = self.vars[d].globals.clone();
        if let Some((types, init)) = init {
            for (g, t) in gids.iter().zip(&types) {
                self.globals[g.0 as usize].ty = t.clone();
            }
            let targets: Vec<Option<hir::Expr>> = gids
                .iter()
                .zip(&spec.names)
                .map(|(g, n)| {
                    (n.name != "_").then(|| hir::Expr {
                        kind: hir::ExprKind::Global(*g),
                        ty: self.globals[g.0 as usize].ty.clone(),
                        pos: n.pos,
                    })
                })
                .collect();
            match init {
                stmt::Init::Zero => {}
                stmt::Init::Values(v) => stmts.push(hir::Stmt::Assign(targets, v)),
                stmt::Init::Call(f, args) => stmts.push(hir::Stmt::AssignCall(targets, f, args)),
                stmt::Init::Recv(chan) => {
                    let mut t = targets.into_iter();
                    stmts.push(hir::Stmt::RecvOk {
                        value: t.next().flatten(),
                        ok: t.next().flatten(),
                        chan,
                    })
                }
            }
        }
        self.f.pre = saved_pre;
        let deps = std::mem::replace(&mut self.deps, saved_deps);
        if let Some(saved) = saved_f {
            self.init_ctx = Some(std::mem::replace(&mut self.f, saved));
        }
        self.vars[d].stmts = stmts;
        self.vars[d].deps = deps;
        self.vars[d].state = State::Done;
    }

    fn check_func(&mut self, i: usize) -> hir::Func {
        let fd = self.funcs[i].decl;
        let params = self.funcs[i].params.clone();
        let results = self.funcs[i].results.clone();
        self.f = FnCtx {
            scopes: vec![HashMap::new()],
            results: results.clone(),
            ..FnCtx::default()
        };
        self.deps = HashSet::new();
        for (p, t) in fd.params.iter().zip(&params) {
            let name = p
                .name
                .as_ref()
                .map(|n| n.name.clone())
                .unwrap_or("_".into());
            let id = self.new_local(
                &name,
                t.clone(),
                p.name.as_ref().map(|n| n.pos).unwrap_or_default(),
                false,
            );
            if let Some(n) = &p.name {
                self.declare_local(n, id, "duplicate argument");
            }
        }
        for (r, t) in fd.results.iter().zip(&results) {
            let name = r
                .name
                .as_ref()
                .map(|n| n.name.clone())
                .unwrap_or("$r".into());
            let id = self.new_local(&name, t.clone(), Pos::default(), false);
            if let Some(n) = &r.name {
                self.declare_local(n, id, "duplicate argument");
                self.f.result_names.push((n.name.clone(), id));
            }
        }
        let mut body = Vec::new();
        if let Some(b) = &fd.body {
            // The body's outermost block is the parameters' scope (Go's spec: "Each
            // function has a function block containing all of its parameters and
            // results"): `x := 1` with a parameter `x` declares nothing new.
            body = self.stmts(&b.stmts);
            if !results.is_empty() && !stmt::terminating_list(&body) {
                self.err(b.rbrace, "missing return");
            }
        }
        // Unused variables: errors like any other, sorted with them by position (as
        // gc reports them), unless something in the body was left unchecked.
        let unchecked = fd.body.as_ref().is_some_and(|b| {
            self.subset_at
                .iter()
                .any(|&p| p >= fd.name.pos && p <= b.rbrace)
        });
        for (k, info) in self.f.info.iter().enumerate() {
            if info.check_used && !info.used && !unchecked {
                self.soft.push(Diagnostic::new(
                    info.pos,
                    format!("{} declared but not used", self.f.locals[k].name),
                ));
            }
        }
        self.funcs[i].deps = std::mem::take(&mut self.deps);
        let f = std::mem::take(&mut self.f);
        let name = if fd.name.name == "_" {
            format!("_${i}")
        } else if fd.name.name == "init" {
            format!("init${i}")
        } else {
            fd.name.name.clone()
        };
        hir::Func {
            name,
            pos: fd.name.pos,
            locals: f.locals,
            params: params.len(),
            results,
            body,
        }
    }

    /// Builds the package initializer: variables in Go's dependency order, then the
    /// `init` functions.
    fn build_init(&mut self) {
        let n = self.vars.len();
        // Transitive variable dependencies of every declaration.
        let mut var_deps: Vec<HashSet<usize>> = Vec::with_capacity(n);
        for d in 0..n {
            let mut seen_f = HashSet::new();
            let mut out = HashSet::new();
            let mut stack: Vec<Dep> = self.vars[d].deps.iter().copied().collect();
            let mut cycle = false;
            while let Some(dep) = stack.pop() {
                match dep {
                    Dep::Global(g) => {
                        let dd = self.ginfo[g.0 as usize].decl;
                        if dd == d {
                            cycle = true;
                        }
                        if out.insert(dd) {
                            // Only direct dependencies of functions are followed;
                            // variables bring their own later.
                        }
                    }
                    Dep::Func(f) => {
                        if seen_f.insert(f) {
                            stack.extend(self.funcs[f.0 as usize].deps.iter().copied());
                        }
                    }
                }
            }
            if cycle && self.vars[d].state == State::Done {
                let g = self.vars[d].globals[0];
                let p = self.ginfo[g.0 as usize].pos;
                let name = self.globals[g.0 as usize].name.clone();
                self.err(p, format!("initialization loop for {name}"));
            }
            out.remove(&d);
            var_deps.push(out);
        }
        let mut done = vec![false; n];
        let mut body = Vec::new();
        let mut count = 0;
        while count < n {
            let mut picked = None;
            for d in 0..n {
                if !done[d] && var_deps[d].iter().all(|&x| done[x]) {
                    picked = Some(d);
                    break;
                }
            }
            let d = match picked {
                Some(d) => d,
                None => {
                    // A cycle (already reported, or among several variables).
                    let d = (0..n).find(|&d| !done[d]).unwrap();
                    if self.errs.is_empty() {
                        let g = self.vars[d].globals[0];
                        let p = self.ginfo[g.0 as usize].pos;
                        let name = self.globals[g.0 as usize].name.clone();
                        self.err(p, format!("initialization loop for {name}"));
                    }
                    d
                }
            };
            done[d] = true;
            count += 1;
            body.append(&mut self.vars[d].stmts);
        }
        for &f in &self.inits {
            body.push(hir::Stmt::Expr(hir::Expr {
                kind: hir::ExprKind::Call(f, Vec::new()),
                ty: Type::Int,
                pos: self.funcs[f.0 as usize].decl.name.pos,
            }));
        }
        let ctx = self.init_ctx.take().unwrap_or_default();
        self.hfuncs.push(Some(hir::Func {
            name: "init$".into(),
            pos: Pos::default(),
            locals: ctx.locals,
            params: 0,
            results: Vec::new(),
            body,
        }));
    }

    // ------------------------------------------------------------ scopes and locals

    pub(crate) fn new_local(
        &mut self,
        name: &str,
        ty: Type,
        pos: Pos,
        check_used: bool,
    ) -> LocalId {
        let id = LocalId(self.f.locals.len() as u32);
        self.f.locals.push(hir::Local {
            name: name.to_string(),
            ty,
            addr_taken: false,
        });
        self.f.info.push(LocalInfo {
            pos,
            used: false,
            check_used: check_used && name != "_",
        });
        id
    }

    pub(crate) fn temp(&mut self, ty: Type) -> LocalId {
        let n = self.f.locals.len();
        self.new_local(&format!("$t{n}"), ty, Pos::default(), false)
    }

    pub(crate) fn declare_local(&mut self, id: &ast::Ident, local: LocalId, dup_msg: &str) {
        if !self.declare(id, Entity::Local(local), dup_msg) {
            // A redeclaration is its own error; gc does not also call it unused.
            self.f.info[local.0 as usize].check_used = false;
        }
    }

    /// Declares `id` as `e` in the innermost scope; false (after the error) when the
    /// scope already has that name.
    pub(crate) fn declare(&mut self, id: &ast::Ident, e: Entity, dup_msg: &str) -> bool {
        if id.name == "_" {
            return true;
        }
        let scope = self.f.scopes.last_mut().unwrap();
        if scope.contains_key(&id.name) {
            let msg = if dup_msg == "duplicate argument" {
                format!("duplicate argument {}", id.name)
            } else {
                format!("{} redeclared in this block", id.name)
            };
            self.err(id.pos, msg);
            return false;
        }
        scope.insert(id.name.clone(), e.clone());
        self.f.visible.entry(id.name.clone()).or_default().push(e);
        true
    }

    pub(crate) fn push_scope(&mut self) {
        self.f.scopes.push(HashMap::new());
    }

    pub(crate) fn pop_scope(&mut self) {
        if let Some(scope) = self.f.scopes.pop() {
            for name in scope.keys() {
                if let Some(v) = self.f.visible.get_mut(name) {
                    v.pop();
                }
            }
        }
    }

    pub(crate) fn lookup(&mut self, name: &str) -> Option<Entity> {
        if let Some(e) = self.f.visible.get(name).and_then(|v| v.last()) {
            return Some(e.clone());
        }
        if let Some(e) = self.pkg.get(name) {
            return Some(e.clone());
        }
        if let Some(k) = self.imports.iter().position(|i| i.name == name) {
            return Some(Entity::Package(k));
        }
        universe(name)
    }

    // ------------------------------------------------------------ types

    pub(crate) fn resolve_type(&mut self, t: &'a ast::TypeExpr, ctx: TypeCtx) -> Type {
        self.resolve_type_opt(t, ctx, None).unwrap_or(Type::Int)
    }

    /// Resolves a type; `inferred_len` is the length for `[...]T`.
    pub(crate) fn resolve_type_opt(
        &mut self,
        t: &'a ast::TypeExpr,
        ctx: TypeCtx,
        inferred_len: Option<u64>,
    ) -> Option<Type> {
        match t {
            ast::TypeExpr::Name(id) => match self.lookup(&id.name) {
                Some(Entity::Type(ty)) => {
                    if let Type::Pointer(_) = ty {
                        unreachable!()
                    }
                    Some(ty)
                }
                Some(Entity::UnsupportedType) => {
                    self.err(
                        id.pos,
                        format!(
                            "type {} is not supported (only int, bool, arrays and pointers)",
                            id.name
                        ),
                    );
                    None
                }
                None => {
                    self.err(id.pos, format!("undefined: {}", id.name));
                    None
                }
                Some(e) => {
                    // A variable used as a type counts as used (Go reports only this).
                    if let Entity::Local(l) = e {
                        self.f.info[l.0 as usize].used = true;
                    }
                    self.err(id.pos, format!("{} is not a type", id.name));
                    None
                }
            },
            ast::TypeExpr::Paren(t) => self.resolve_type_opt(t, ctx, inferred_len),
            ast::TypeExpr::Unsupported(_) => None,
            ast::TypeExpr::Pointer { pos, elem } => {
                if let Some(p) = pointer_pos(elem) {
                    self.err(p, "pointers to pointers are not supported (a pointer may only live in a local variable or parameter)");
                    return None;
                }
                if let Some(p) = chan_pos(elem) {
                    self.err(p, "pointers to channels are not supported (channels may only live in locals and parameters)");
                    return None;
                }
                let e = self.resolve_type_opt(elem, TypeCtx::Local, None)?;
                match ctx {
                    TypeCtx::Global => {
                        self.err(*pos, "package-level variables of pointer type are not supported (pointers may only live in locals and parameters)");
                        None
                    }
                    TypeCtx::Result => {
                        self.err(*pos, "function results of pointer type are not supported (a pointer may only be passed down)");
                        None
                    }
                    TypeCtx::Local => Some(Type::Pointer(Box::new(e))),
                }
            }
            ast::TypeExpr::Chan { pos, elem } => {
                match ctx {
                    TypeCtx::Global => {
                        self.err(*pos, "package-level variables of channel type are not supported (channels may only live in locals and parameters)");
                        return None;
                    }
                    TypeCtx::Result => {
                        self.err(*pos, "function results of channel type are not supported (channels may only live in locals and parameters)");
                        return None;
                    }
                    TypeCtx::Local => {}
                }
                let e = self.resolve_type_opt(elem, TypeCtx::Local, None)?;
                if !matches!(e, Type::Int | Type::Bool) {
                    self.err(
                        elem.pos(),
                        format!(
                            "channels of {} are not supported (only chan int and chan bool)",
                            show_type(&e)
                        ),
                    );
                    return None;
                }
                Some(Type::Chan(Box::new(e)))
            }
            ast::TypeExpr::Array { len, elem, .. } => {
                let n = match len {
                    None => match inferred_len {
                        Some(n) => Some(n),
                        None => {
                            self.err(
                                t.pos(),
                                "invalid use of [...] array (outside a composite literal)",
                            );
                            None
                        }
                    },
                    Some(l) => self.array_len(l),
                };
                if let Some(p) = pointer_pos(elem) {
                    self.err(p, "arrays of pointers are not supported (a pointer may only live in a local variable or parameter)");
                    return None;
                }
                if let Some(p) = chan_pos(elem) {
                    self.err(p, "arrays of channels are not supported (channels may only live in locals and parameters)");
                    return None;
                }
                let e = self.resolve_type_opt(elem, TypeCtx::Local, None)?;
                Some(Type::Array(n?, Box::new(e)))
            }
        }
    }

    fn array_len(&mut self, l: &'a ast::Expr) -> Option<u64> {
        let x = self.expr(l);
        if matches!(x.ty, Ty::Invalid) {
            return None;
        }
        match (&x.ty, &x.cv) {
            (Ty::UntypedInt | Ty::T(Type::Int), Some(CV::Int(v))) => {
                use num_traits::{Signed, ToPrimitive};
                if v.is_negative() {
                    let d = self.describe(&x);
                    self.err(x.pos, format!("invalid array length {d}"));
                    return None;
                }
                match v.to_u64() {
                    Some(n) if n <= (1u64 << 40) => Some(n),
                    _ => {
                        let d = self.describe(&x);
                        self.err(x.pos, format!("invalid array length {d}: too large"));
                        None
                    }
                }
            }
            (_, None) => {
                let s = crate::check::expr::expr_string(l);
                self.err(x.pos, format!("invalid array length {s}"));
                None
            }
            _ => {
                let d = self.describe(&x);
                self.err(x.pos, format!("array length {d} must be integer"));
                None
            }
        }
    }
}

/// Where a type is used (for the pointer rules).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum TypeCtx {
    Local,
    Global,
    Result,
}

/// If `t` is (a parenthesized) channel type, the position of its `chan`.
fn chan_pos(t: &ast::TypeExpr) -> Option<Pos> {
    match t {
        ast::TypeExpr::Chan { pos, .. } => Some(*pos),
        ast::TypeExpr::Paren(t) => chan_pos(t),
        _ => None,
    }
}

/// If `t` is (a parenthesized) pointer type, the position of its `*`.
fn pointer_pos(t: &ast::TypeExpr) -> Option<Pos> {
    match t {
        ast::TypeExpr::Pointer { pos, .. } => Some(*pos),
        ast::TypeExpr::Paren(t) => pointer_pos(t),
        _ => None,
    }
}

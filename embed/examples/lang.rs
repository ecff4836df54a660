//! A small language that is not Go, JIT-compiled with Cranelift on growable stacks.
//!
//! ```text
//! program := def* expr
//! def     := "def" NAME "(" [NAME ("," NAME)*] ")" "=" expr ";"
//! expr    := "if" expr "then" expr "else" expr | cmp
//! cmp     := sum [("<" | "==") sum]
//! sum     := term (("+" | "-") term)*
//! term    := atom (("*" | "/") atom)*
//! atom    := INT | NAME | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"
//! ```
//!
//! Values are 64-bit integers; `print(e)` prints `e` and returns it, `check(e)` fails the
//! run with the embedder's own error when `e` is 0; a division by zero is a trap, which
//! ends the run with an error too. Every function is a Cranelift `Tail`
//! function with morestack's stack check, so a recursion a million deep runs on a stack
//! that starts at 8 KiB:
//!
//! `cargo run --release -p morestack-cranelift --example lang -- [fixed|segmented|copying] [FILE]`
//! (without FILE: `sum(1000000)` with a recursive `sum`).

use std::collections::HashMap;

use cranelift_codegen::ir::{condcodes::IntCC, types::I64, InstBuilder, UserFuncName, Value};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};
use morestack_cranelift::{
    begin_function, define_entry_trampoline, emit_host_call, fail, isa, tail_signature, user_data,
    CallError, CodeKind, Context, Entry, FunctionInfo, Registration, SegmentCache, Stack,
    StackConfig,
};

/// The default program.
pub const SUM: &str = "def sum(n) = if n == 0 then 0 else n + sum(n - 1);\nsum(1000000)\n";

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Int(i64),
    Name(String),
    Sym(&'static str),
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            out.push(Tok::Int(src[s..i].parse().map_err(|e| format!("{e}"))?));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Name(src[s..i].to_string()));
        } else {
            let sym = ["==", "<", "+", "-", "*", "/", "(", ")", ",", ";", "="]
                .into_iter()
                .find(|s| src[i..].starts_with(s))
                .ok_or_else(|| format!("unexpected character {c:?} at byte {i}"))?;
            out.push(Tok::Sym(sym));
            i += sym.len();
        }
    }
    Ok(out)
}

/// An expression.
#[derive(Debug)]
enum Expr {
    Int(i64),
    Var(usize),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Call(String, Vec<Expr>),
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
    params: Vec<String>,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn eat(&mut self, t: &Tok) -> bool {
        let yes = self.peek() == Some(t);
        self.pos += yes as usize;
        yes
    }
    fn expect(&mut self, s: &'static str) -> Result<(), String> {
        match self.eat(&Tok::Sym(s)) {
            true => Ok(()),
            false => Err(format!("expected {s:?}, found {:?}", self.peek())),
        }
    }
    fn keyword(&mut self, k: &str) -> bool {
        self.eat(&Tok::Name(k.to_string()))
    }
    fn name(&mut self) -> Result<String, String> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Name(n)) => {
                self.pos += 1;
                Ok(n)
            }
            t => Err(format!("expected a name, found {t:?}")),
        }
    }
    fn expr(&mut self) -> Result<Expr, String> {
        if self.keyword("if") {
            let c = self.expr()?;
            if !self.keyword("then") {
                return Err("expected then".into());
            }
            let t = self.expr()?;
            if !self.keyword("else") {
                return Err("expected else".into());
            }
            let e = self.expr()?;
            return Ok(Expr::If(Box::new(c), Box::new(t), Box::new(e)));
        }
        let l = self.binary(0)?;
        for op in ["<", "=="] {
            if self.eat(&Tok::Sym(op)) {
                return Ok(Expr::Bin(op, Box::new(l), Box::new(self.binary(0)?)));
            }
        }
        Ok(l)
    }
    /// Level 0: `+ -`, level 1: `* /`.
    fn binary(&mut self, level: usize) -> Result<Expr, String> {
        let ops: &[&'static str] = if level == 0 { &["+", "-"] } else { &["*", "/"] };
        let mut l = if level == 0 {
            self.binary(1)?
        } else {
            self.atom()?
        };
        'outer: loop {
            for &op in ops {
                if self.eat(&Tok::Sym(op)) {
                    let r = if level == 0 {
                        self.binary(1)?
                    } else {
                        self.atom()?
                    };
                    l = Expr::Bin(op, Box::new(l), Box::new(r));
                    continue 'outer;
                }
            }
            return Ok(l);
        }
    }
    fn atom(&mut self) -> Result<Expr, String> {
        match self.toks.get(self.pos).cloned() {
            Some(Tok::Int(v)) => {
                self.pos += 1;
                Ok(Expr::Int(v))
            }
            Some(Tok::Sym("(")) => {
                self.pos += 1;
                let e = self.expr()?;
                self.expect(")")?;
                Ok(e)
            }
            Some(Tok::Name(n)) => {
                self.pos += 1;
                if self.eat(&Tok::Sym("(")) {
                    let mut args = Vec::new();
                    while !self.eat(&Tok::Sym(")")) {
                        if !args.is_empty() {
                            self.expect(",")?;
                        }
                        args.push(self.expr()?);
                    }
                    return Ok(Expr::Call(n, args));
                }
                let i = self.params.iter().position(|p| *p == n);
                i.map(Expr::Var)
                    .ok_or_else(|| format!("unknown variable {n}"))
            }
            t => Err(format!("expected an expression, found {t:?}")),
        }
    }
}

/// A function of the program: name, parameter count, body.
type Def = (String, usize, Expr);

fn parse(src: &str) -> Result<Vec<Def>, String> {
    let mut p = Parser {
        toks: lex(src)?,
        pos: 0,
        params: Vec::new(),
    };
    let mut defs = Vec::new();
    while p.keyword("def") {
        let name = p.name()?;
        p.expect("(")?;
        p.params.clear();
        while !p.eat(&Tok::Sym(")")) {
            if !p.params.is_empty() {
                p.expect(",")?;
            }
            let n = p.name()?;
            p.params.push(n);
        }
        p.expect("=")?;
        let body = p.expr()?;
        p.expect(";")?;
        defs.push((name, p.params.len(), body));
    }
    p.params.clear();
    let main = p.expr()?;
    if p.pos != p.toks.len() {
        return Err(format!("unexpected {:?} after the program", p.toks[p.pos]));
    }
    defs.push(("main".to_string(), 0, main));
    Ok(defs)
}

/// The embedder's own error, returned by `check(0)` through the stack object.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckFailed;

/// What host functions reach through the stack's user data: the output.
pub struct Host {
    /// Everything `print` printed.
    pub out: String,
}

extern "C" fn host_print(ctx: *mut Context, v: i64) -> i64 {
    // SAFETY: the stack's user data is the `Host` of `run`, alive during the call.
    let host = unsafe { &mut *user_data::<Host>(ctx) };
    host.out.push_str(&format!("{v}\n"));
    v
}

extern "C" fn host_check(ctx: *mut Context, v: i64) -> i64 {
    if v == 0 {
        // SAFETY: called by generated code on a `Stack<CheckFailed>`; nothing to drop.
        unsafe { fail(ctx, CheckFailed) }
    }
    v
}

struct Lower<'a> {
    ids: &'a HashMap<String, (FuncId, usize)>,
}

impl Lower<'_> {
    fn expr(
        &self,
        m: &mut JITModule,
        b: &mut FunctionBuilder,
        ps: &[Value],
        e: &Expr,
    ) -> Result<Value, String> {
        Ok(match e {
            Expr::Int(v) => b.ins().iconst(I64, *v),
            Expr::Var(i) => ps[*i],
            Expr::Bin(op, l, r) => {
                let (l, r) = (self.expr(m, b, ps, l)?, self.expr(m, b, ps, r)?);
                match *op {
                    "+" => b.ins().iadd(l, r),
                    "-" => b.ins().isub(l, r),
                    "*" => b.ins().imul(l, r),
                    // Cranelift traps on a zero divisor and on i64::MIN / -1: the call
                    // ends with CallError::Trap.
                    "/" => b.ins().sdiv(l, r),
                    "<" => {
                        let c = b.ins().icmp(IntCC::SignedLessThan, l, r);
                        b.ins().uextend(I64, c)
                    }
                    _ => {
                        let c = b.ins().icmp(IntCC::Equal, l, r);
                        b.ins().uextend(I64, c)
                    }
                }
            }
            Expr::If(c, t, f) => {
                let c = self.expr(m, b, ps, c)?;
                let (tb, fb, join) = (b.create_block(), b.create_block(), b.create_block());
                let v = b.append_block_param(join, I64);
                b.ins().brif(c, tb, &[], fb, &[]);
                for (blk, e) in [(tb, t), (fb, f)] {
                    b.switch_to_block(blk);
                    let x = self.expr(m, b, ps, e)?;
                    b.ins().jump(join, &[x.into()]);
                }
                b.switch_to_block(join);
                v
            }
            Expr::Call(name, args) => {
                let mut argv = Vec::new();
                for a in args {
                    argv.push(self.expr(m, b, ps, a)?);
                }
                let host = match name.as_str() {
                    "print" => Some(host_print as extern "C" fn(*mut Context, i64) -> i64),
                    "check" => Some(host_check as extern "C" fn(*mut Context, i64) -> i64),
                    _ => None,
                };
                if let Some(f) = host {
                    if argv.len() != 1 {
                        return Err(format!("{name} takes one argument"));
                    }
                    let r =
                        emit_host_call(b, f as usize, &argv, &[I64]).map_err(|e| e.to_string())?;
                    return Ok(r[0]);
                }
                let &(id, n) = self
                    .ids
                    .get(name)
                    .ok_or_else(|| format!("unknown function {name}"))?;
                if n != argv.len() {
                    return Err(format!("{name} takes {n} arguments, not {}", argv.len()));
                }
                let fr = m.declare_func_in_func(id, b.func);
                let call = b.ins().call(fr, &argv);
                b.inst_results(call)[0]
            }
        })
    }
}

/// A compiled program: keep it alive while its entry runs.
pub struct Program {
    /// The JIT module holding the code.
    _module: JITModule,
    /// The stack maps of its functions.
    _maps: Vec<Registration>,
    /// `main`'s entry trampoline.
    pub entry: Entry,
    /// The largest frame of its functions (the stack's reserve must cover it).
    pub reserve: usize,
}

impl Program {
    /// `main`'s entry trampoline itself.
    pub fn entry_ptr(&self) -> morestack_cranelift::EntryFn {
        self.entry.as_ptr()
    }
}

/// Compiles `src` for a stack of `strategy`.
pub fn compile(src: &str, kind: CodeKind) -> Result<Program, String> {
    let defs = parse(src)?;
    let isa = isa(None, kind).map_err(|e| e.to_string())?;
    let mut module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
    let mut ids = HashMap::new();
    for (name, n, _) in &defs {
        let sig = tail_signature(&vec![I64; *n], &[I64]);
        let id = module
            .declare_function(name, Linkage::Local, &sig)
            .map_err(|e| e.to_string())?;
        ids.insert(name.clone(), (id, *n));
    }
    let mut fctx = FunctionBuilderContext::new();
    let mut infos = Vec::new();
    for (name, n, body) in &defs {
        let id = ids[name].0;
        let mut ctx = module.make_context();
        ctx.func.signature = tail_signature(&vec![I64; *n], &[I64]);
        ctx.func.name = UserFuncName::user(0, id.as_u32());
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let ps = begin_function(&mut b, &[]).map_err(|e| e.to_string())?;
        let v = Lower { ids: &ids }.expr(&mut module, &mut b, &ps, body)?;
        b.ins().return_(&[v]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
        if kind == CodeKind::Relocatable {
            // Optimized, then made relocatable (this language has no stack addresses, so
            // the relocation pass finds nothing to do).
            morestack_cranelift::reloc::optimize_relocatable(&mut ctx, module.isa(), &[])
                .map_err(|e| e.to_string())?;
        }
        module
            .define_function(id, &mut ctx)
            .map_err(|e| format!("{name}: {e:?}"))?;
        let info =
            FunctionInfo::of(ctx.compiled_code().expect("compiled")).map_err(|e| e.to_string())?;
        infos.push((id, info));
    }
    let main = ids["main"].0;
    let (tramp, shape) = define_entry_trampoline(&mut module, main, "entry", &mut fctx)
        .map_err(|e| e.to_string())?;
    module.finalize_definitions().map_err(|e| e.to_string())?;
    let reserve = infos.iter().map(|(_, i)| i.reserve()).max().unwrap_or(16);
    // SAFETY: each function's maps are registered at its own finalized code, which the
    // module keeps mapped as long as the registrations (both live in `Program`).
    let maps = infos
        .iter()
        .map(|(id, i)| unsafe { i.register(module.get_finalized_function(*id)) })
        .collect();
    // SAFETY: the trampoline was built for `main` with this shape and lives in `module`.
    let entry = unsafe { Entry::new(module.get_finalized_function(tramp), shape) };
    Ok(Program {
        _module: module,
        _maps: maps,
        entry,
        reserve,
    })
}

/// Runs a compiled program on `stack`: its value and what it printed.
pub fn run(
    prog: &Program,
    stack: &mut Stack<CheckFailed>,
) -> Result<(i64, String), CallError<CheckFailed>> {
    let mut host = Host { out: String::new() };
    stack.set_user_data(&mut host as *mut Host);
    // SAFETY: every function was compiled with the stack check for the stack's strategy,
    // the caller made the stack's reserve cover `prog.reserve`, the maps are registered
    // and `host` outlives the call.
    let r = unsafe { stack.call::<(), (i64,)>(&prog.entry, ()) };
    stack.set_user_data(std::ptr::null_mut::<Host>());
    r.map(|(v,)| (v, host.out))
}

/// The stack configuration of a strategy name, with an 8 KiB first stack (segment).
pub fn config(strategy: &str, reserve: usize) -> Option<StackConfig> {
    let c = match strategy {
        "fixed" => StackConfig::fixed(1 << 30),
        "segmented" => StackConfig::segmented(8 << 10, SegmentCache::Keep, 1 << 30),
        "copying" => StackConfig::copying(8 << 10, 1 << 30, false),
        _ => return None,
    };
    Some(StackConfig { reserve, ..c })
}

#[allow(dead_code)]
fn main() {
    let mut args = std::env::args().skip(1);
    let strategy = args.next().unwrap_or_else(|| "segmented".into());
    let src = match args.next() {
        Some(f) => std::fs::read_to_string(&f).unwrap_or_else(|e| {
            eprintln!("lang: {f}: {e}");
            std::process::exit(1)
        }),
        None => SUM.to_string(),
    };
    let Some(cfg) = config(&strategy, 16) else {
        eprintln!("lang: unknown strategy {strategy:?} (fixed, segmented or copying)");
        std::process::exit(1)
    };
    let prog = compile(&src, CodeKind::for_strategy(cfg.strategy)).unwrap_or_else(|e| {
        eprintln!("lang: {e}");
        std::process::exit(1)
    });
    let cfg = StackConfig {
        reserve: prog.reserve,
        ..cfg
    };
    let t = std::time::Instant::now();
    let mut stack = Stack::new(&cfg).unwrap_or_else(|e| {
        eprintln!("lang: {e}");
        std::process::exit(1)
    });
    match run(&prog, &mut stack) {
        Ok((v, out)) => {
            print!("{out}");
            println!("{v}");
            let s = stack.stats();
            eprintln!(
                "{strategy}: {:.3} s, {} morestack calls, peak stack {} KiB",
                t.elapsed().as_secs_f64(),
                s.morestack_calls,
                s.peak_stack >> 10
            );
        }
        Err(e) => {
            eprintln!("lang: {e}");
            std::process::exit(2)
        }
    }
}

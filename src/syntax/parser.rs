//! The parser: Go's grammar (the parts the subset needs, plus enough of the rest to reject
//! it cleanly at the right position).

use super::ast::*;
use super::lexer::{Tok, Token};
use crate::check::hir::Pos;
use crate::diag::Diagnostic;

/// Maximum nesting of expressions, types and statements: parentheses, blocks, unary
/// operators, call arguments, a selector or index on another, an operand inside an
/// operator's right side.
pub const MAX_DEPTH: u32 = 1000;

/// What follows an `if` clause's block.
enum Else {
    /// `else if`: another clause of the chain.
    If,
    /// `else { ... }`.
    Block(Block),
}

/// Maximum length of a chain, which is not nesting (issue 9): the operators of one
/// left-associative chain (`x + x + ... + x`), the `else if`s of one `if`. A chain still
/// makes a tree as deep as it is long, which the compiler's passes walk recursively on
/// their own stack (`COMPILER_STACK` in the crate root, sized for this limit), and the
/// code of a long chain of `||` with calls costs Cranelift's register allocator time and
/// memory superlinear in its length (about 4 s and 1 GB at this limit), so the limit
/// stays where no program written by hand reaches it.
pub const MAX_CHAIN: u32 = 10_000;

/// What the parser produced: the file (if there was no syntax error), and the subset errors
/// it found (valid Go outside the subset).
pub struct Parsed {
    /// The syntax tree.
    pub file: File,
    /// Subset errors (to be merged with the checker's).
    pub subset_errors: Vec<Diagnostic>,
    /// Lexical errors in a file that still parsed (invalid UTF-8 or a NUL in a comment or
    /// literal, ...): reported with the checker's errors, as gc still type-checks such a
    /// file.
    pub lex_errors: Vec<Diagnostic>,
}

struct SyntaxError(Diagnostic);

type PResult<T> = Result<T, SyntaxError>;

struct Parser {
    toks: Vec<Token>,
    i: usize,
    /// < 0 inside control clause headers (composite literals of named types not allowed).
    xnest: i32,
    depth: u32,
    subset: Vec<Diagnostic>,
    /// Labels declared in the current function.
    labels: Vec<String>,
    /// Labels referred to (`goto L`, `break L`) in the current function.
    label_refs: Vec<(String, Pos)>,
}

/// Parses a token stream. Returns the first syntax error on failure.
pub fn parse(toks: Vec<Token>) -> Result<Parsed, Diagnostic> {
    let mut p = Parser {
        toks,
        i: 0,
        xnest: 0,
        depth: 0,
        subset: Vec::new(),
        labels: Vec::new(),
        label_refs: Vec::new(),
    };
    match p.file() {
        Ok(file) => Ok(Parsed {
            lex_errors: Vec::new(),
            file,
            subset_errors: p.subset,
        }),
        Err(SyntaxError(d)) => Err(d),
    }
}

fn binary_prec(op: &str) -> u8 {
    match op {
        "||" => 1,
        "&&" => 2,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "+" | "-" | "|" | "^" => 4,
        "*" | "/" | "%" | "<<" | ">>" | "&" | "&^" => 5,
        _ => 0,
    }
}

impl Parser {
    fn tok(&self) -> &Tok {
        &self.toks[self.i].tok
    }
    fn pos(&self) -> Pos {
        self.toks[self.i].pos
    }
    fn peek_tok(&self, k: usize) -> &Tok {
        let j = (self.i + k).min(self.toks.len() - 1);
        &self.toks[j].tok
    }
    fn next(&mut self) {
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }
    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Keyword(k) if *k == kw)
    }
    fn is_semi(&self) -> bool {
        matches!(self.tok(), Tok::Semi(_))
    }
    fn got_op(&mut self, op: &str) -> bool {
        if self.is_op(op) {
            self.next();
            true
        } else {
            false
        }
    }

    fn error_at<T>(&self, pos: Pos, msg: impl Into<String>) -> PResult<T> {
        Err(SyntaxError(Diagnostic::new(
            pos,
            format!("syntax error: {}", msg.into()),
        )))
    }

    fn unexpected<T>(&self, expecting: &str) -> PResult<T> {
        let d = self.tok().describe();
        if expecting.is_empty() {
            self.error_at(self.pos(), format!("unexpected {d}"))
        } else {
            self.error_at(self.pos(), format!("unexpected {d}, expecting {expecting}"))
        }
    }

    fn want_op(&mut self, op: &str) -> PResult<Pos> {
        let p = self.pos();
        if self.got_op(op) {
            Ok(p)
        } else {
            self.unexpected(op)
        }
    }

    fn subset(&mut self, pos: Pos, msg: impl Into<String>) {
        self.subset.push(Diagnostic::new(pos, msg));
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError(Diagnostic::new(
                self.pos(),
                format!("program too deeply nested (more than {MAX_DEPTH} levels)"),
            )));
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn ident(&mut self) -> PResult<Ident> {
        if let Tok::Ident(name) = self.tok() {
            let id = Ident {
                name: name.clone(),
                pos: self.pos(),
            };
            self.next();
            Ok(id)
        } else {
            self.unexpected("name")
        }
    }

    /// Skips a `;` or accepts the closing token `close` (not consumed).
    fn end_of_item(&mut self, close: &str, ctx: &str) -> PResult<()> {
        if self.is_semi() {
            self.next();
            Ok(())
        } else if self.is_op(close) {
            Ok(())
        } else {
            let d = self.tok().describe();
            self.error_at(self.pos(), format!("unexpected {d} {ctx}"))
        }
    }

    // ---------------------------------------------------------------- file

    fn file(&mut self) -> PResult<File> {
        // package clause
        while self.is_semi() {
            self.next();
        }
        if !self.is_kw("package") {
            return self.error_at(self.pos(), "package statement must be first");
        }
        self.next();
        let package = self.ident()?;
        self.want_semi_after_decl()?;
        // imports
        let mut imports = Vec::new();
        while self.is_kw("import") {
            self.next();
            if self.got_op("(") {
                while !self.is_op(")") {
                    imports.extend(self.import_spec()?);
                    self.end_of_item(
                        ")",
                        "in import declaration; possibly missing semicolon or newline or )",
                    )?;
                }
                self.next();
            } else {
                imports.extend(self.import_spec()?);
            }
            self.want_semi_after_decl()?;
        }
        let mut decls = Vec::new();
        loop {
            match self.tok().clone() {
                Tok::Eof => break,
                Tok::Semi(_) => self.next(),
                Tok::Keyword("func") => {
                    if let Some(f) = self.func_decl()? {
                        decls.push(Decl::Func(f));
                    }
                    self.want_semi_after_decl()?;
                }
                Tok::Keyword("var") => {
                    self.next();
                    let specs = self.group(Self::var_spec)?;
                    decls.push(Decl::Var(specs));
                    self.want_semi_after_decl()?;
                }
                Tok::Keyword("const") => {
                    self.next();
                    let specs = self.const_group()?;
                    decls.push(Decl::Const(specs));
                    self.want_semi_after_decl()?;
                }
                Tok::Keyword("type") => {
                    let pos = self.pos();
                    self.subset(pos, "type declarations are not supported");
                    self.next();
                    self.group(Self::type_spec)?;
                    self.want_semi_after_decl()?;
                }
                Tok::Keyword("import") => {
                    return self
                        .error_at(self.pos(), "imports must appear before other declarations");
                }
                _ => {
                    return self.error_at(
                        self.pos(),
                        "non-declaration statement outside function body",
                    );
                }
            }
        }
        Ok(File {
            package,
            imports,
            decls,
        })
    }

    fn want_semi_after_decl(&mut self) -> PResult<()> {
        match self.tok() {
            Tok::Semi(_) => {
                self.next();
                Ok(())
            }
            Tok::Eof => Ok(()),
            _ => {
                let d = self.tok().describe();
                self.error_at(
                    self.pos(),
                    format!("unexpected {d} after top level declaration"),
                )
            }
        }
    }

    /// One import spec: `"runtime"` (optionally named, not `.`) is returned; any other
    /// import is a subset error.
    fn import_spec(&mut self) -> PResult<Option<Import>> {
        let mut name = None;
        let mut dot = None;
        if let Tok::Ident(n) = self.tok() {
            name = Some(Ident {
                name: n.clone(),
                pos: self.pos(),
            });
            self.next();
        } else if self.is_op(".") {
            dot = Some(self.pos());
            self.next();
        }
        if let Tok::Str(path) = self.tok() {
            let p = self.pos();
            let path = path.clone();
            self.next();
            if path != b"runtime" {
                self.subset(p, "imports are not supported (only \"runtime\")");
                return Ok(None);
            }
            if let Some(d) = dot {
                self.subset(d, "dot imports are not supported");
                return Ok(None);
            }
            Ok(Some(Import {
                name,
                path: "runtime".into(),
                pos: p,
            }))
        } else {
            self.error_at(self.pos(), "missing import path; require quoted string")
        }
    }

    /// `spec` or `( spec; spec; ... )`.
    fn group<T>(&mut self, f: fn(&mut Self) -> PResult<T>) -> PResult<Vec<T>> {
        let mut out = Vec::new();
        if self.got_op("(") {
            while !self.is_op(")") {
                out.push(f(self)?);
                self.end_of_item(")", "after top level declaration")?;
            }
            self.next();
        } else {
            out.push(f(self)?);
        }
        Ok(out)
    }

    fn type_spec(&mut self) -> PResult<()> {
        self.ident()?;
        self.got_op("=");
        self.type_()?;
        Ok(())
    }

    fn var_spec(&mut self) -> PResult<VarSpec> {
        let mut names = vec![self.ident()?];
        while self.got_op(",") {
            names.push(self.ident()?);
        }
        let mut ty = None;
        let mut values = Vec::new();
        if self.got_op("=") {
            values = self.expr_list()?;
        } else {
            ty = Some(self.type_()?);
            if self.got_op("=") {
                values = self.expr_list()?;
            }
        }
        Ok(VarSpec { names, ty, values })
    }

    fn const_group(&mut self) -> PResult<Vec<ConstSpec>> {
        let mut out: Vec<ConstSpec> = Vec::new();
        if self.got_op("(") {
            let mut iota = 0;
            while !self.is_op(")") {
                let mut spec = self.const_spec(iota)?;
                if spec.values.is_empty() && spec.ty.is_none() {
                    if let Some(prev) = out.last() {
                        spec.ty = prev.ty.clone();
                        spec.values = prev.values.clone();
                        spec.implicit = true;
                    }
                }
                out.push(spec);
                iota += 1;
                self.end_of_item(")", "after top level declaration")?;
            }
            self.next();
        } else {
            out.push(self.const_spec(0)?);
        }
        Ok(out)
    }

    fn const_spec(&mut self, iota: i64) -> PResult<ConstSpec> {
        let mut names = vec![self.ident()?];
        while self.got_op(",") {
            names.push(self.ident()?);
        }
        let mut ty = None;
        let mut values = Vec::new();
        if !self.is_semi() && !self.is_op(")") {
            if !self.is_op("=") {
                ty = Some(self.type_()?);
            }
            if self.got_op("=") {
                values = self.expr_list()?;
            }
        }
        Ok(ConstSpec {
            names,
            ty,
            values,
            iota,
            implicit: false,
        })
    }

    fn func_decl(&mut self) -> PResult<Option<FuncDecl>> {
        self.next(); // func
        let mut method = false;
        if self.is_op("(") {
            let p = self.pos();
            self.subset(p, "methods are not supported");
            method = true;
            self.params()?;
        }
        let name = self.ident()?;
        if self.is_op("[") {
            let p = self.pos();
            self.subset(p, "generic functions are not supported");
            self.next();
            let mut n = 1;
            while n > 0 && !matches!(self.tok(), Tok::Eof) {
                if self.is_op("[") {
                    n += 1;
                } else if self.is_op("]") {
                    n -= 1;
                }
                self.next();
            }
        }
        let params = self.params()?;
        let results = self.results()?;
        self.labels.clear();
        self.label_refs.clear();
        let body = if self.is_op("{") {
            Some(self.block()?)
        } else {
            None
        };
        for (l, p) in std::mem::take(&mut self.label_refs) {
            if !self.labels.contains(&l) {
                self.subset
                    .push(Diagnostic::new(p, format!("label {l} not defined")));
            }
        }
        if method {
            return Ok(None);
        }
        Ok(Some(FuncDecl {
            name,
            params,
            results,
            body,
        }))
    }

    fn results(&mut self) -> PResult<Vec<Param>> {
        if self.is_op("(") {
            self.params()
        } else if self.is_op("{") || self.is_semi() || matches!(self.tok(), Tok::Eof) {
            Ok(Vec::new())
        } else {
            let ty = self.type_()?;
            Ok(vec![Param { name: None, ty }])
        }
    }

    fn params(&mut self) -> PResult<Vec<Param>> {
        self.want_op("(")?;
        let mut entries: Vec<(Option<Ident>, Option<TypeExpr>)> = Vec::new();
        while !self.is_op(")") {
            if self.is_op("...") {
                let p = self.pos();
                self.subset(p, "variadic parameters are not supported");
                self.next();
            }
            if let Tok::Ident(_) = self.tok() {
                if matches!(self.peek_tok(1), Tok::Op("," | ")")) {
                    let id = self.ident()?;
                    entries.push((Some(id), None));
                } else if !matches!(self.peek_tok(1), Tok::Op(".")) {
                    let id = self.ident()?;
                    if self.is_op("...") {
                        let p = self.pos();
                        self.subset(p, "variadic parameters are not supported");
                        self.next();
                    }
                    let ty = self.type_()?;
                    entries.push((Some(id), Some(ty)));
                } else {
                    let ty = self.type_()?;
                    entries.push((None, Some(ty)));
                }
            } else {
                let ty = self.type_()?;
                entries.push((None, Some(ty)));
            }
            if !self.got_op(",") {
                if !self.is_op(")") {
                    return self.unexpected("comma or )");
                }
                break;
            }
        }
        self.next();
        // Go's rule: either all parameters are named or none is.
        let named = entries
            .iter()
            .filter(|e| e.0.is_some() && e.1.is_some())
            .count();
        let mut out = Vec::new();
        if named == 0 {
            for (name, ty) in entries {
                let ty = match (name, ty) {
                    (Some(id), None) => TypeExpr::Name(id),
                    (_, Some(t)) => t,
                    _ => unreachable!(),
                };
                out.push(Param { name: None, ty });
            }
            return Ok(out);
        }
        let mut err_pos = None;
        let mut typ: Option<TypeExpr> = None;
        for (name, ty) in entries.into_iter().rev() {
            match (name, ty) {
                (Some(n), Some(t)) => {
                    typ = Some(t.clone());
                    out.push(Param {
                        name: Some(n),
                        ty: t,
                    });
                }
                (None, Some(t)) => {
                    err_pos = Some(t.pos());
                    typ = Some(t.clone());
                }
                (Some(n), None) => match &typ {
                    Some(t) => out.push(Param {
                        name: Some(n),
                        ty: t.clone(),
                    }),
                    None => err_pos = Some(n.pos),
                },
                (None, None) => {}
            }
        }
        if let Some(p) = err_pos {
            return self.error_at(p, "mixed named and unnamed parameters");
        }
        out.reverse();
        Ok(out)
    }

    // ---------------------------------------------------------------- types

    fn type_(&mut self) -> PResult<TypeExpr> {
        self.enter()?;
        let r = self.type_inner();
        self.leave();
        r
    }

    fn type_inner(&mut self) -> PResult<TypeExpr> {
        let pos = self.pos();
        match self.tok().clone() {
            Tok::Ident(_) => {
                let id = self.ident()?;
                if self.is_op(".") {
                    self.next();
                    self.ident()?;
                    self.subset(pos, "qualified types are not supported");
                    return Ok(TypeExpr::Unsupported(pos));
                }
                Ok(TypeExpr::Name(id))
            }
            Tok::Op("(") => {
                self.next();
                let t = self.type_()?;
                self.want_op(")")?;
                Ok(TypeExpr::Paren(Box::new(t)))
            }
            Tok::Op("*") => {
                self.next();
                let elem = self.type_()?;
                Ok(TypeExpr::Pointer {
                    pos,
                    elem: Box::new(elem),
                })
            }
            Tok::Op("[") => {
                self.next();
                if self.got_op("]") {
                    self.subset(pos, "slices are not supported");
                    self.type_()?;
                    return Ok(TypeExpr::Unsupported(pos));
                }
                let len = if self.is_op("...") {
                    self.next();
                    None
                } else {
                    let old = self.xnest;
                    self.xnest = 0;
                    let e = self.expr()?;
                    self.xnest = old;
                    Some(Box::new(e))
                };
                self.want_op("]")?;
                let elem = self.type_()?;
                Ok(TypeExpr::Array {
                    pos,
                    len,
                    elem: Box::new(elem),
                })
            }
            Tok::Keyword("map") => {
                self.subset(pos, "maps are not supported");
                self.next();
                self.want_op("[")?;
                self.type_()?;
                self.want_op("]")?;
                self.type_()?;
                Ok(TypeExpr::Unsupported(pos))
            }
            Tok::Keyword("chan") => {
                self.next();
                if self.is_op("<-") {
                    self.subset(
                        pos,
                        "directional channel types are not supported (only chan int and chan bool)",
                    );
                    self.next();
                    self.type_()?;
                    return Ok(TypeExpr::Unsupported(pos));
                }
                let elem = self.type_()?;
                Ok(TypeExpr::Chan {
                    pos,
                    elem: Box::new(elem),
                })
            }
            Tok::Op("<-") => {
                self.subset(
                    pos,
                    "directional channel types are not supported (only chan int and chan bool)",
                );
                self.next();
                if !self.is_kw("chan") {
                    return self.unexpected("chan");
                }
                self.next();
                self.type_()?;
                Ok(TypeExpr::Unsupported(pos))
            }
            Tok::Keyword("struct") | Tok::Keyword("interface") => {
                let what = if self.is_kw("struct") {
                    "structs are not supported"
                } else {
                    "interfaces are not supported"
                };
                self.subset(pos, what);
                self.next();
                self.skip_braces()?;
                Ok(TypeExpr::Unsupported(pos))
            }
            Tok::Keyword("func") => {
                self.subset(pos, "function types are not supported");
                self.next();
                self.params()?;
                if !self.is_op("{") {
                    self.results_in_type()?;
                }
                Ok(TypeExpr::Unsupported(pos))
            }
            _ => self.unexpected("type"),
        }
    }

    fn results_in_type(&mut self) -> PResult<()> {
        if self.is_op("(") {
            self.params()?;
        } else if matches!(
            self.tok(),
            Tok::Ident(_)
                | Tok::Op("[" | "*" | "(")
                | Tok::Keyword("map" | "chan" | "func" | "struct" | "interface")
        ) {
            self.type_()?;
        }
        Ok(())
    }

    fn skip_braces(&mut self) -> PResult<()> {
        self.want_op("{")?;
        let mut n = 1;
        while n > 0 {
            match self.tok() {
                Tok::Eof => return self.unexpected("}"),
                Tok::Op("{") => n += 1,
                Tok::Op("}") => n -= 1,
                _ => {}
            }
            self.next();
        }
        Ok(())
    }

    // ---------------------------------------------------------------- statements

    fn block(&mut self) -> PResult<Block> {
        let lbrace = self.want_op("{")?;
        let stmts = self.stmt_list()?;
        let rbrace = self.pos();
        if !self.is_op("}") {
            return self.unexpected("}");
        }
        self.next();
        Ok(Block {
            stmts,
            lbrace,
            rbrace,
        })
    }

    fn stmt_list(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = Vec::new();
        loop {
            while self.is_semi() {
                self.next();
            }
            if self.is_op("}")
                || matches!(self.tok(), Tok::Eof)
                || self.is_kw("case")
                || self.is_kw("default")
            {
                break;
            }
            let s = self.stmt()?;
            out.push(s);
            if self.is_semi() {
                self.next();
            } else if !self.is_op("}") && !self.is_kw("case") && !self.is_kw("default") {
                let d = self.tok().describe();
                if matches!(self.tok(), Tok::Eof) {
                    return self.unexpected("}");
                }
                return self.error_at(self.pos(), format!("unexpected {d} at end of statement"));
            }
        }
        Ok(out)
    }

    fn stmt(&mut self) -> PResult<Stmt> {
        self.enter()?;
        let r = self.stmt_inner();
        self.leave();
        r
    }

    fn stmt_inner(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        match self.tok().clone() {
            Tok::Keyword("var") => {
                self.next();
                Ok(Stmt::Var(self.group(Self::var_spec)?))
            }
            Tok::Keyword("const") => {
                self.next();
                Ok(Stmt::Const(self.const_group()?))
            }
            Tok::Keyword("type") => {
                self.subset(pos, "type declarations are not supported");
                self.next();
                self.group(Self::type_spec)?;
                Ok(Stmt::Unsupported)
            }
            Tok::Op("{") => Ok(Stmt::Block(self.block()?)),
            Tok::Keyword("if") => self.if_stmt(),
            Tok::Keyword("for") => self.for_stmt(),
            Tok::Keyword("switch") => self.switch_stmt(),
            Tok::Keyword("select") => self.select_stmt(),
            Tok::Keyword("return") => {
                self.next();
                let values = if self.is_semi() || self.is_op("}") {
                    Vec::new()
                } else {
                    self.expr_list()?
                };
                Ok(Stmt::Return { pos, values })
            }
            Tok::Keyword(kw @ ("break" | "continue")) => {
                self.next();
                if let Tok::Ident(l) = self.tok() {
                    // The label's declaration is reported as a subset error; an
                    // undefined label is Go's error.
                    let r = (l.clone(), self.pos());
                    self.label_refs.push(r);
                    self.next();
                    return Ok(Stmt::Unsupported);
                }
                Ok(if kw == "break" {
                    Stmt::Break(pos)
                } else {
                    Stmt::Continue(pos)
                })
            }
            Tok::Keyword("goto") => {
                self.next();
                let id = self.ident()?;
                self.label_refs.push((id.name, id.pos));
                Ok(Stmt::Unsupported)
            }
            Tok::Keyword("fallthrough") => {
                self.subset(pos, "fallthrough is not supported");
                self.next();
                Ok(Stmt::Unsupported)
            }
            Tok::Keyword(kw @ ("go" | "defer")) => {
                self.next();
                let call = self.call_stmt(kw)?;
                if kw == "go" {
                    Ok(Stmt::Go { pos, call })
                } else {
                    self.subset(pos, "defer is not supported");
                    Ok(Stmt::Unsupported)
                }
            }
            Tok::Semi(_) => Ok(Stmt::Empty),
            Tok::Ident(_) if matches!(self.peek_tok(1), Tok::Op(":")) => {
                self.subset(pos, "labels are not supported");
                if let Tok::Ident(l) = self.tok() {
                    let l = l.clone();
                    self.labels.push(l);
                }
                self.next();
                self.next();
                if self.is_op("}") {
                    return Ok(Stmt::Unsupported);
                }
                while self.is_semi() {
                    self.next();
                }
                if self.is_op("}") {
                    return Ok(Stmt::Unsupported);
                }
                self.stmt()
            }
            _ => self.simple_stmt(false).map(|(s, _)| s),
        }
    }

    /// A simple statement. With `range_ok`, also `k, v := range x` (returned as
    /// `Stmt::Range` with an empty body and the flag set).
    fn simple_stmt(&mut self, range_ok: bool) -> PResult<(Stmt, bool)> {
        if range_ok && self.is_kw("range") {
            let pos = self.pos();
            self.next();
            let x = self.expr()?;
            return Ok((
                Stmt::Range {
                    pos,
                    key: None,
                    value: None,
                    define: false,
                    x,
                    body: empty_block(),
                },
                true,
            ));
        }
        let lhs = self.expr_list()?;
        let op_pos = self.pos();
        match self.tok().clone() {
            Tok::Op(op @ (":=" | "=")) => {
                self.next();
                if range_ok && self.is_kw("range") {
                    let rpos = self.pos();
                    self.next();
                    let x = self.expr()?;
                    let mut it = lhs.into_iter();
                    let key = it.next();
                    let value = it.next();
                    if let Some(extra) = it.next() {
                        return self.error_at(
                            extra.pos,
                            "range clause permits at most two iteration variables",
                        );
                    }
                    return Ok((
                        Stmt::Range {
                            pos: rpos,
                            key,
                            value,
                            define: op == ":=",
                            x,
                            body: empty_block(),
                        },
                        true,
                    ));
                }
                let rhs = self.expr_list()?;
                if op == ":=" {
                    Ok((Stmt::Define { lhs, rhs, op_pos }, false))
                } else {
                    Ok((Stmt::Assign { lhs, rhs, op_pos }, false))
                }
            }
            Tok::Op(
                op
                @ ("+=" | "-=" | "*=" | "/=" | "%=" | "&=" | "|=" | "^=" | "<<=" | ">>=" | "&^="),
            ) => {
                self.next();
                let rhs = self.expr()?;
                let lhs = self.single(lhs, op)?;
                Ok((
                    Stmt::OpAssign {
                        op: &op[..op.len() - 1],
                        lhs,
                        rhs,
                        op_pos,
                    },
                    false,
                ))
            }
            Tok::Op(op @ ("++" | "--")) => {
                self.next();
                let lhs = self.single(lhs, op)?;
                Ok((
                    Stmt::IncDec {
                        lhs,
                        inc: op == "++",
                        op_pos,
                    },
                    false,
                ))
            }
            Tok::Op("<-") => {
                if lhs.len() != 1 {
                    return self.unexpected(":= or = or comma");
                }
                self.next();
                let value = self.expr()?;
                let ch = self.single(lhs, "<-")?;
                Ok((
                    Stmt::Send {
                        ch,
                        value,
                        arrow: op_pos,
                    },
                    false,
                ))
            }
            _ => {
                if lhs.len() > 1 {
                    return self.unexpected(":= or = or comma");
                }
                Ok((Stmt::Expr(lhs.into_iter().next().unwrap()), false))
            }
        }
    }

    fn single(&self, lhs: Vec<Expr>, op: &str) -> PResult<Expr> {
        if lhs.len() != 1 {
            return self.error_at(
                lhs[0].pos,
                format!("unexpected {op}, expecting := or = or comma"),
            );
        }
        Ok(lhs.into_iter().next().unwrap())
    }

    /// The header of `if`/`switch`: `[init;] [expr]`.
    fn header(&mut self, kw: &str) -> PResult<(Option<Box<Stmt>>, Option<Stmt>)> {
        if self.is_op("{") {
            return Ok((None, None));
        }
        let old = self.xnest;
        self.xnest = -1;
        let mut init = None;
        let mut cond = None;
        if !self.is_semi() {
            cond = Some(self.simple_stmt(false)?.0);
        }
        if self.is_semi() {
            let semi_pos = self.pos();
            let was_newline = matches!(self.tok(), Tok::Semi(true));
            self.next();
            init = cond.take().map(Box::new);
            if !self.is_op("{") {
                cond = Some(self.simple_stmt(false)?.0);
            } else if kw == "if" {
                self.xnest = old;
                if was_newline {
                    return self
                        .error_at(semi_pos, "unexpected newline, expecting { after if clause");
                }
                return self.error_at(self.pos(), "missing condition in if statement");
            }
        }
        self.xnest = old;
        Ok((init, cond))
    }

    fn cond_expr(&self, s: Option<Stmt>, kw: &str, kwpos: Pos) -> PResult<Option<Expr>> {
        match s {
            None => Ok(None),
            Some(Stmt::Expr(e)) => Ok(Some(e)),
            Some(Stmt::Define { op_pos, .. }) | Some(Stmt::Assign { op_pos, .. }) => self.error_at(
                op_pos,
                format!("cannot use assignment or declaration as value in {kw} statement"),
            ),
            Some(_) => self.error_at(kwpos, format!("missing condition in {kw} statement")),
        }
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        // An `else if` chain is parsed in a loop (not one level deeper per `else if`),
        // then folded into nested `If`s from its end.
        let mut clauses = Vec::new();
        let last_else = loop {
            let (clause, next) = self.if_clause()?;
            clauses.push(clause);
            match next {
                Some(Else::If) if clauses.len() as u32 > MAX_CHAIN => {
                    return self.error_at(
                        self.pos(),
                        format!("if statement too long (more than {MAX_CHAIN} else ifs)"),
                    );
                }
                Some(Else::If) => continue,
                Some(Else::Block(b)) => break Some(Box::new(Stmt::Block(b))),
                None => break None,
            }
        };
        let mut els = last_else;
        while let Some((pos, init, cond, then)) = clauses.pop() {
            els = Some(Box::new(Stmt::If {
                pos,
                init,
                cond,
                then,
                els,
            }));
        }
        Ok(*els.expect("at least one clause"))
    }

    /// One `if [init;] cond { then }` and what follows it: `else if` (the `if` is the
    /// current token) or `else { ... }`.
    #[allow(clippy::type_complexity)]
    fn if_clause(&mut self) -> PResult<((Pos, Option<Box<Stmt>>, Expr, Block), Option<Else>)> {
        let pos = self.pos();
        self.next();
        if self.is_op("{") {
            return self.error_at(self.pos(), "missing condition in if statement");
        }
        let (init, cond) = self.header("if")?;
        let cond = match self.cond_expr(cond, "if", pos)? {
            Some(c) => c,
            None => return self.error_at(self.pos(), "missing condition in if statement"),
        };
        if !self.is_op("{") {
            return self.unexpected("{ after if clause");
        }
        let then = self.block()?;
        let mut next = None;
        if self.is_kw("else") {
            self.next();
            if self.is_kw("if") {
                next = Some(Else::If);
            } else if self.is_op("{") {
                next = Some(Else::Block(self.block()?));
            } else {
                return self.error_at(self.pos(), "else must be followed by if or statement block");
            }
        }
        Ok(((pos, init, cond, then), next))
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let old = self.xnest;
        self.xnest = -1;
        let mut init = None;
        let mut cond = None;
        let mut post = None;
        if !self.is_op("{") {
            let mut first = None;
            if !self.is_semi() {
                let (s, is_range) = self.simple_stmt(true)?;
                if is_range {
                    self.xnest = old;
                    if !self.is_op("{") {
                        return self.unexpected("{ after for clause");
                    }
                    let body = self.block()?;
                    if let Stmt::Range {
                        key,
                        value,
                        define,
                        x,
                        ..
                    } = s
                    {
                        return Ok(Stmt::Range {
                            pos,
                            key,
                            value,
                            define,
                            x,
                            body,
                        });
                    }
                    unreachable!();
                }
                first = Some(s);
            }
            if self.is_semi() {
                // three-clause loop
                self.next();
                init = first.map(Box::new);
                if !self.is_semi() {
                    if self.is_op("{") {
                        return self.unexpected("for loop condition");
                    }
                    let c = self.simple_stmt(false)?.0;
                    cond = self.cond_expr(Some(c), "for", pos)?;
                }
                if !self.is_semi() {
                    return self.unexpected("{ after for clause");
                }
                self.next();
                if !self.is_op("{") {
                    let s = self.simple_stmt(false)?.0;
                    if let Stmt::Define { op_pos, .. } = &s {
                        return self
                            .error_at(*op_pos, "cannot declare in post statement of for loop");
                    }
                    post = Some(Box::new(s));
                }
            } else {
                cond = self.cond_expr(first, "for", pos)?;
            }
        }
        self.xnest = old;
        if !self.is_op("{") {
            return self.unexpected("{ after for clause");
        }
        let body = self.block()?;
        Ok(Stmt::For {
            pos,
            init,
            cond,
            post,
            body,
        })
    }

    fn switch_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        let (init, tag) = self.header("switch")?;
        let tag = self.cond_expr(tag, "switch", pos)?;
        if !self.is_op("{") {
            return self.unexpected("{ after switch clause");
        }
        self.next();
        let mut cases = Vec::new();
        while !self.is_op("}") {
            while self.is_semi() {
                self.next();
            }
            if self.is_op("}") {
                break;
            }
            let cpos = self.pos();
            let exprs = if self.is_kw("case") {
                self.next();
                Some(self.expr_list()?)
            } else if self.is_kw("default") {
                self.next();
                None
            } else {
                return self.unexpected("case or default or }");
            };
            let colon = self.want_op(":")?;
            let body = self.stmt_list()?;
            cases.push(CaseClause {
                pos: cpos,
                exprs,
                body,
                colon,
            });
        }
        let rbrace = self.pos();
        self.next();
        Ok(Stmt::Switch {
            pos,
            init,
            tag,
            cases,
            rbrace,
        })
    }

    /// The operand of `go`/`defer` (gc's `callStmt`): a primary expression that must be a
    /// call, not parenthesized.
    fn call_stmt(&mut self, kw: &str) -> PResult<Expr> {
        let x = self.primary()?;
        if let ExprKind::Paren(_) = &x.kind {
            return Err(SyntaxError(Diagnostic::new(
                x.pos,
                format!("expression in {kw} must not be parenthesized"),
            )));
        }
        if !matches!(x.kind, ExprKind::Call { .. }) {
            return Err(SyntaxError(Diagnostic::new(
                x.pos,
                format!("expression in {kw} must be function call"),
            )));
        }
        Ok(x)
    }

    fn select_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        self.next();
        if !self.is_op("{") {
            return self.error_at(self.pos(), "missing { after select clause");
        }
        self.next();
        let mut cases = Vec::new();
        loop {
            while self.is_semi() {
                self.next();
            }
            if self.is_op("}") || matches!(self.tok(), Tok::Eof) {
                break;
            }
            let cpos = self.pos();
            let comm = if self.is_kw("case") {
                self.next();
                Some(Box::new(self.simple_stmt(false)?.0))
            } else if self.is_kw("default") {
                self.next();
                None
            } else {
                return self.unexpected("case or default or }");
            };
            self.want_op(":")?;
            let body = self.stmt_list()?;
            cases.push(CommClause {
                pos: cpos,
                comm,
                body,
            });
        }
        if !self.is_op("}") {
            return self.unexpected("}");
        }
        self.next();
        Ok(Stmt::Select { pos, cases })
    }

    // ---------------------------------------------------------------- expressions

    fn expr_list(&mut self) -> PResult<Vec<Expr>> {
        let mut v = vec![self.expr()?];
        while self.got_op(",") {
            v.push(self.expr()?);
        }
        Ok(v)
    }

    /// An expression.
    pub fn expr(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    fn binary(&mut self, prec: u8) -> PResult<Expr> {
        let mut x = self.unary()?;
        let mut chain = 0u32;
        loop {
            let op = match self.tok() {
                Tok::Op(o) if binary_prec(o) >= prec => *o,
                _ => break,
            };
            let op_pos = self.pos();
            let p = binary_prec(op);
            self.next();
            let y = self.binary(p + 1)?;
            chain += 1;
            if chain > MAX_CHAIN {
                return self.error_at(
                    op_pos,
                    format!("expression too long (more than {MAX_CHAIN} operators in a chain)"),
                );
            }
            let pos = x.pos;
            x = Expr {
                kind: ExprKind::Binary(op, Box::new(x), Box::new(y), op_pos),
                pos,
            };
        }
        Ok(x)
    }

    fn unary(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.unary_inner();
        self.leave();
        r
    }

    fn unary_inner(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.tok().clone() {
            Tok::Op(op @ ("+" | "-" | "!" | "^" | "&" | "*")) => {
                self.next();
                let x = self.unary()?;
                Ok(Expr {
                    kind: ExprKind::Unary(op, Box::new(x)),
                    pos,
                })
            }
            Tok::Op("<-") => {
                self.next();
                let x = self.unary()?;
                // As gc: `<-` before a channel type makes a receive-only channel type
                // (outside the subset); `<-chan int(c)` receives from a conversion.
                if let ExprKind::Type(t) = &x.kind {
                    if matches!(**t, TypeExpr::Chan { .. }) {
                        self.subset(
                            pos,
                            "directional channel types are not supported (only chan int and chan bool)",
                        );
                        return Ok(Expr {
                            kind: ExprKind::Type(Box::new(TypeExpr::Unsupported(pos))),
                            pos,
                        });
                    }
                }
                Ok(Expr {
                    kind: ExprKind::Recv(Box::new(x)),
                    pos,
                })
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut x = self.operand()?;
        let mut chain = 0;
        loop {
            chain += 1;
            if self.depth + chain > MAX_DEPTH {
                return self.error_at(
                    self.pos(),
                    format!("expression too deeply nested (more than {MAX_DEPTH} levels)"),
                );
            }
            let pos = x.pos;
            match self.tok() {
                Tok::Op("(") => {
                    let lparen = self.pos();
                    self.next();
                    let old = self.xnest;
                    self.xnest = 0;
                    let mut args = Vec::new();
                    while !self.is_op(")") {
                        args.push(self.expr_or_type()?);
                        if self.is_op("...") {
                            let p = self.pos();
                            self.subset(p, "variadic calls are not supported");
                            self.next();
                        }
                        if !self.got_op(",") {
                            if !self.is_op(")") {
                                self.xnest = old;
                                return self.unexpected("comma or )");
                            }
                            break;
                        }
                    }
                    self.xnest = old;
                    let rparen = self.pos();
                    self.next();
                    x = Expr {
                        kind: ExprKind::Call {
                            fun: Box::new(x),
                            args,
                            lparen,
                            rparen,
                        },
                        pos,
                    };
                }
                Tok::Op("[") => {
                    let lpos = self.pos();
                    self.next();
                    let old = self.xnest;
                    self.xnest = 0;
                    if self.is_op(":") {
                        self.subset(lpos, "slicing is not supported");
                        self.skip_to_rbrack()?;
                        self.xnest = old;
                        x = unsupported(pos);
                        continue;
                    }
                    let idx = self.expr_or_type()?;
                    if self.is_op(":") || self.is_op(",") {
                        self.subset(
                            lpos,
                            if self.is_op(":") {
                                "slicing is not supported"
                            } else {
                                "generics are not supported"
                            },
                        );
                        self.skip_to_rbrack()?;
                        self.xnest = old;
                        x = unsupported(pos);
                        continue;
                    }
                    self.xnest = old;
                    self.want_op("]")?;
                    x = Expr {
                        kind: ExprKind::Index(Box::new(x), Box::new(idx), lpos),
                        pos,
                    };
                }
                Tok::Op(".") => {
                    let dpos = self.pos();
                    self.next();
                    if self.is_op("(") {
                        self.subset(dpos, "type assertions are not supported");
                        self.next();
                        if self.is_kw("type") {
                            self.next();
                        } else {
                            self.type_()?;
                        }
                        self.want_op(")")?;
                        x = unsupported(pos);
                    } else {
                        let id = self.ident()?;
                        x = Expr {
                            kind: ExprKind::Selector(Box::new(x), id),
                            pos,
                        };
                    }
                }
                Tok::Op("{") if self.complit_ok(&x) => {
                    if let ExprKind::Selector(_, id) = &x.kind {
                        let p = id.pos;
                        self.subset(p, "qualified types are not supported");
                        x = unsupported(pos);
                    }
                    let ty = match expr_to_type(&x) {
                        Some(t) => t,
                        None => TypeExpr::Unsupported(x.pos),
                    };
                    x = self.composite(ty, pos)?;
                }
                _ => break,
            }
        }
        Ok(x)
    }

    fn skip_to_rbrack(&mut self) -> PResult<()> {
        let mut n = 1;
        while n > 0 {
            match self.tok() {
                Tok::Eof => return self.unexpected("]"),
                Tok::Op("[") => n += 1,
                Tok::Op("]") => n -= 1,
                _ => {}
            }
            self.next();
        }
        Ok(())
    }

    fn complit_ok(&self, x: &Expr) -> bool {
        match &x.kind {
            ExprKind::Type(_) => true,
            ExprKind::Ident(_) => self.xnest >= 0,
            ExprKind::Unsupported | ExprKind::Selector(..) => self.xnest >= 0,
            _ => false,
        }
    }

    fn composite(&mut self, ty: TypeExpr, pos: Pos) -> PResult<Expr> {
        self.want_op("{")?;
        let old = self.xnest;
        self.xnest = 0;
        let mut elems = Vec::new();
        while !self.is_op("}") {
            let mut e = self.element()?;
            let mut key = None;
            let colon = self.pos();
            if self.got_op(":") {
                key = Some((e, colon));
                e = self.element()?;
            }
            elems.push((key, e));
            if !self.got_op(",") {
                if !self.is_op("}") {
                    self.xnest = old;
                    return self.unexpected("comma or }");
                }
                break;
            }
        }
        self.xnest = old;
        let rbrace = self.pos();
        self.next();
        Ok(Expr {
            kind: ExprKind::Composite {
                ty: Box::new(ty),
                elems,
                rbrace,
            },
            pos,
        })
    }

    fn element(&mut self) -> PResult<Expr> {
        if self.is_op("{") {
            // Elided element type: `{1, 2}` inside an array-of-arrays literal.
            let pos = self.pos();
            self.enter()?;
            let r = self.composite(TypeExpr::Unsupported(Pos::default()), pos);
            self.leave();
            return r;
        }
        self.expr()
    }

    fn expr_or_type(&mut self) -> PResult<Expr> {
        self.expr()
    }

    fn operand(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let e = |kind| Expr { kind, pos };
        match self.tok().clone() {
            Tok::Ident(name) => {
                self.next();
                Ok(e(ExprKind::Ident(name)))
            }
            Tok::Int(text) => {
                self.next();
                Ok(e(ExprKind::Int(text)))
            }
            Tok::Str(b) => {
                self.next();
                Ok(e(ExprKind::Str(b)))
            }
            Tok::Float(_) => {
                self.subset(pos, "floating-point literals are not supported");
                self.next();
                Ok(unsupported(pos))
            }
            Tok::Char(_) => {
                self.subset(pos, "rune literals are not supported");
                self.next();
                Ok(unsupported(pos))
            }
            Tok::Op("(") => {
                self.next();
                let old = self.xnest;
                self.xnest = 0;
                let x = self.expr_or_type()?;
                self.xnest = old;
                self.want_op(")")?;
                Ok(e(ExprKind::Paren(Box::new(x))))
            }
            Tok::Keyword("func") => {
                self.next();
                self.params()?;
                if !self.is_op("{") {
                    self.results_in_type()?;
                }
                if self.is_op("{") {
                    self.subset(pos, "function literals are not supported");
                    let old = self.xnest;
                    self.xnest = 0;
                    self.block()?;
                    self.xnest = old;
                } else {
                    self.subset(pos, "function types are not supported");
                }
                Ok(unsupported(pos))
            }
            Tok::Op("[") | Tok::Keyword("map" | "chan" | "struct" | "interface") => {
                let t = self.type_()?;
                Ok(e(ExprKind::Type(Box::new(t))))
            }
            _ => self.unexpected("expression"),
        }
    }
}

fn unsupported(pos: Pos) -> Expr {
    Expr {
        kind: ExprKind::Unsupported,
        pos,
    }
}

fn empty_block() -> Block {
    Block {
        stmts: Vec::new(),
        lbrace: Pos::default(),
        rbrace: Pos::default(),
    }
}

/// Reads an expression as a type, if it can be one (`int`, `*int`, `[3]int`, `(T)`).
pub fn expr_to_type(x: &Expr) -> Option<TypeExpr> {
    match &x.kind {
        ExprKind::Ident(n) => Some(TypeExpr::Name(Ident {
            name: n.clone(),
            pos: x.pos,
        })),
        ExprKind::Type(t) => Some((**t).clone()),
        ExprKind::Paren(e) => expr_to_type(e).map(|t| TypeExpr::Paren(Box::new(t))),
        ExprKind::Unary("*", e) => expr_to_type(e).map(|t| TypeExpr::Pointer {
            pos: x.pos,
            elem: Box::new(t),
        }),
        ExprKind::Unsupported => Some(TypeExpr::Unsupported(x.pos)),
        _ => None,
    }
}

//! The Go front end: lexer (with semicolon insertion), parser and syntax tree.

pub mod ast;
pub mod lexer;
pub mod parser;

use crate::diag::Diagnostic;

/// Lexes and parses `src`. On a syntax error, returns the lexical errors and the first
/// syntax error, sorted by position.
pub fn parse_file(src: &[u8]) -> Result<parser::Parsed, Vec<Diagnostic>> {
    let (toks, mut lex_errs) = lexer::lex(src);
    match parser::parse(toks) {
        Ok(mut p) => {
            p.lex_errors = lex_errs;
            Ok(p)
        }
        Err(d) => {
            // Lexical errors first; the parse error may be a consequence of them.
            let first_lex = lex_errs.iter().map(|d| d.pos).min();
            if first_lex.is_none_or(|p| d.pos < p) || lex_errs.is_empty() {
                lex_errs.push(d);
            }
            lex_errs.sort_by_key(|d| d.pos);
            Err(lex_errs)
        }
    }
}

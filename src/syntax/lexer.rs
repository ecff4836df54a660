//! The lexer: Go's tokens, with automatic semicolon insertion.

use crate::check::hir::Pos;
use crate::diag::Diagnostic;

/// Kinds of token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// An identifier.
    Ident(String),
    /// An integer literal (its source text).
    Int(String),
    /// A floating-point or imaginary literal (outside the subset).
    Float(String),
    /// A rune literal (outside the subset).
    Char(String),
    /// A string literal: its decoded bytes.
    Str(Vec<u8>),
    /// A keyword.
    Keyword(&'static str),
    /// An operator or punctuation.
    Op(&'static str),
    /// `;`, written (`false`) or inserted at a newline or EOF (`true`).
    Semi(bool),
    /// End of file.
    Eof,
}

impl Tok {
    /// How the token is named in a syntax error (as gc does).
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("name {s}"),
            Tok::Int(s) | Tok::Float(s) | Tok::Char(s) => format!("literal {s}"),
            Tok::Str(_) => "literal".to_string(),
            Tok::Keyword(k) => format!("keyword {k}"),
            Tok::Op(o) => o.to_string(),
            Tok::Semi(true) => "newline".to_string(),
            Tok::Semi(false) => "semicolon".to_string(),
            Tok::Eof => "EOF".to_string(),
        }
    }
}

/// A token and where it starts.
#[derive(Clone, Debug)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Its first byte's position.
    pub pos: Pos,
}

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

// Longest first, so that the first match is the longest.
const OPS: &[&str] = &[
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=", ":=", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "+", "-", "*", "/", "%", "&", "|",
    "^", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ";", ".", ":", "~",
];

struct Lexer<'a> {
    src: &'a [u8],
    i: usize,
    line: u32,
    line_start: usize,
    toks: Vec<Token>,
    errs: Vec<Diagnostic>,
    /// Whether a newline here would insert a semicolon.
    semi_ok: bool,
}

/// Splits `src` into tokens (ending with [`Tok::Eof`]), inserting semicolons as Go does.
/// Also returns the lexical errors found.
pub fn lex(src: &[u8]) -> (Vec<Token>, Vec<Diagnostic>) {
    let mut lx = Lexer {
        src,
        i: 0,
        line: 1,
        line_start: 0,
        toks: Vec::new(),
        errs: Vec::new(),
        semi_ok: false,
    };
    if src.starts_with(b"\xEF\xBB\xBF") {
        lx.i = 3;
        lx.line_start = 0;
    }
    lx.run();
    (lx.toks, lx.errs)
}

impl<'a> Lexer<'a> {
    fn pos_at(&self, i: usize) -> Pos {
        Pos {
            line: self.line,
            col: (i - self.line_start + 1) as u32,
        }
    }

    fn err(&mut self, i: usize, msg: impl Into<String>) {
        let p = self.pos_at(i);
        self.errs.push(Diagnostic::new(p, msg));
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.semi_ok = matches!(
            tok,
            Tok::Ident(_) | Tok::Int(_) | Tok::Float(_) | Tok::Char(_) | Tok::Str(_)
        ) || matches!(
            tok,
            Tok::Keyword("break" | "continue" | "fallthrough" | "return")
                | Tok::Op("++" | "--" | ")" | "]" | "}")
        );
        let pos = self.pos_at(start);
        self.toks.push(Token { tok, pos });
    }

    fn newline_semi(&mut self, at: usize) {
        if self.semi_ok {
            let pos = self.pos_at(at);
            self.toks.push(Token {
                tok: Tok::Semi(true),
                pos,
            });
            self.semi_ok = false;
        }
    }

    fn peek(&self, k: usize) -> u8 {
        *self.src.get(self.i + k).unwrap_or(&0)
    }

    fn newline(&mut self) {
        // self.i points at the '\n'
        self.line += 1;
        self.line_start = self.i + 1;
    }

    fn run(&mut self) {
        while self.i < self.src.len() {
            let c = self.src[self.i];
            match c {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    self.newline_semi(self.i);
                    self.newline();
                    self.i += 1;
                }
                b'/' if self.peek(1) == b'/' => {
                    // A line comment acts like a newline.
                    let start = self.i;
                    while self.i < self.src.len() && self.src[self.i] != b'\n' {
                        self.comment_byte();
                    }
                    self.newline_semi(start);
                }
                b'/' if self.peek(1) == b'*' => {
                    let start = self.i;
                    let start_pos = self.pos_at(start);
                    self.i += 2;
                    let mut had_newline = false;
                    let mut closed = false;
                    while self.i < self.src.len() {
                        if self.src[self.i] == b'*' && self.peek(1) == b'/' {
                            self.i += 2;
                            closed = true;
                            break;
                        }
                        if self.src[self.i] == b'\n' {
                            if !had_newline && self.semi_ok {
                                let pos = start_pos;
                                self.toks.push(Token {
                                    tok: Tok::Semi(true),
                                    pos,
                                });
                                self.semi_ok = false;
                            }
                            had_newline = true;
                            self.newline();
                            self.i += 1;
                            continue;
                        }
                        self.comment_byte();
                    }
                    if !closed {
                        self.errs
                            .push(Diagnostic::new(start_pos, "comment not terminated"));
                        self.newline_semi(self.i);
                        return self.finish();
                    }
                    let _ = had_newline;
                }
                b'0'..=b'9' => self.number(),
                b'.' if self.peek(1).is_ascii_digit() => self.number(),
                b'"' => self.string(),
                b'`' => self.raw_string(),
                b'\'' => self.rune(),
                c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => self.ident(),
                0 => {
                    self.err(self.i, "invalid NUL character");
                    self.i += 1;
                }
                _ => {
                    let rest = &self.src[self.i..];
                    if let Some(op) = OPS.iter().find(|o| rest.starts_with(o.as_bytes())) {
                        let start = self.i;
                        self.i += op.len();
                        if *op == ";" {
                            self.semi_ok = false;
                            let pos = self.pos_at(start);
                            self.toks.push(Token {
                                tok: Tok::Semi(false),
                                pos,
                            });
                        } else {
                            self.push(Tok::Op(op), start);
                        }
                    } else {
                        let ch = c as char;
                        self.err(self.i, format!("invalid character {:?}", ch));
                        self.i += 1;
                    }
                }
            }
        }
        self.finish();
    }

    /// Skips one character of a comment, reporting NUL and invalid UTF-8 as Go does.
    fn comment_byte(&mut self) {
        let c = self.src[self.i];
        if c == 0 {
            self.err(self.i, "invalid NUL character");
            self.i += 1;
        } else if c >= 0x80 {
            match self.decode(self.i) {
                Some((_, n)) => self.i += n,
                None => {
                    self.err(self.i, "invalid UTF-8 encoding");
                    self.i += 1;
                }
            }
        } else {
            self.i += 1;
        }
    }

    fn finish(&mut self) {
        self.i = self.src.len();
        if self.semi_ok {
            let pos = self.pos_at(self.i);
            self.toks.push(Token {
                tok: Tok::Semi(true),
                pos,
            });
            self.semi_ok = false;
        }
        let pos = self.pos_at(self.i);
        self.toks.push(Token { tok: Tok::Eof, pos });
    }

    /// Decodes one UTF-8 character at `i`: (char, length), or None if invalid.
    fn decode(&self, i: usize) -> Option<(char, usize)> {
        let end = (i + 4).min(self.src.len());
        let chunk = &self.src[i..end];
        let s = match std::str::from_utf8(chunk) {
            Ok(s) => s,
            Err(e) => {
                let v = e.valid_up_to();
                if v == 0 {
                    return None;
                }
                std::str::from_utf8(&chunk[..v]).ok()?
            }
        };
        let c = s.chars().next()?;
        Some((c, c.len_utf8()))
    }

    fn ident(&mut self) {
        let start = self.i;
        let mut name = String::new();
        while self.i < self.src.len() {
            let c = self.src[self.i];
            if c.is_ascii_alphanumeric() || c == b'_' {
                name.push(c as char);
                self.i += 1;
            } else if c >= 0x80 {
                match self.decode(self.i) {
                    None => {
                        self.err(self.i, "invalid UTF-8 encoding");
                        self.i += 1;
                        if name.is_empty() {
                            return;
                        }
                    }
                    Some((ch, n)) => {
                        if ch.is_alphabetic() || (!name.is_empty() && ch.is_numeric()) {
                            name.push(ch);
                            self.i += n;
                        } else if name.is_empty() {
                            if ch == '\u{FEFF}' {
                                self.err(self.i, "invalid BOM in the middle of the file");
                            } else {
                                self.err(
                                    self.i,
                                    format!("invalid character U+{:04X} '{}'", ch as u32, ch),
                                );
                            }
                            self.i += n;
                            return;
                        } else {
                            break;
                        }
                    }
                }
            } else {
                break;
            }
        }
        if let Some(k) = KEYWORDS.iter().find(|k| **k == name) {
            self.push(Tok::Keyword(k), start);
        } else {
            self.push(Tok::Ident(name), start);
        }
    }

    fn number(&mut self) {
        let start = self.i;
        let mut is_float = false;
        let mut base = 10;
        let mut prefix = 0u8;
        let mut invalid_digit: Option<(usize, u8)> = None;
        let mut seen_sep = false;
        if self.src[self.i] != b'.' {
            if self.src[self.i] == b'0' {
                match self.peek(1).to_ascii_lowercase() {
                    b'x' => {
                        base = 16;
                        prefix = b'x';
                        self.i += 2;
                    }
                    b'o' => {
                        base = 8;
                        prefix = b'o';
                        self.i += 2;
                    }
                    b'b' => {
                        base = 2;
                        prefix = b'b';
                        self.i += 2;
                    }
                    _ => {
                        base = 8;
                        prefix = b'0';
                        self.i += 1;
                    }
                }
            }
            // digits
            self.digits(base, &mut invalid_digit, &mut seen_sep);
            if prefix != 0 && prefix != b'0' && self.i == start + 2 {
                // no digits
                let name = match prefix {
                    b'x' => "hexadecimal",
                    b'o' => "octal",
                    _ => "binary",
                };
                if !(prefix == b'x' && self.peek(0) == b'.') {
                    self.err(self.i, format!("{name} literal has no digits"));
                }
            }
        }
        // fraction
        if self.peek(0) == b'.' {
            is_float = true;
            self.i += 1;
            self.digits(
                if base == 16 { 16 } else { 10 },
                &mut invalid_digit,
                &mut seen_sep,
            );
        }
        let e = self.peek(0).to_ascii_lowercase();
        if (e == b'e' && base != 16) || (e == b'p') {
            is_float = true;
            self.i += 1;
            if self.peek(0) == b'+' || self.peek(0) == b'-' {
                self.i += 1;
            }
            let ds = self.i;
            let mut dummy = None;
            self.digits(10, &mut dummy, &mut seen_sep);
            if ds == self.i {
                self.err(self.i, "exponent has no digits");
            }
        }
        let is_imag = self.peek(0) == b'i';
        if is_imag {
            self.i += 1;
        }
        let text = String::from_utf8_lossy(&self.src[start..self.i]).into_owned();
        if is_float || is_imag {
            self.push(Tok::Float(text), start);
            return;
        }
        if let Some((at, d)) = invalid_digit {
            let name = match prefix {
                b'x' => "hexadecimal",
                b'o' | b'0' => "octal",
                b'b' => "binary",
                _ => "decimal",
            };
            self.err(
                at,
                format!("invalid digit '{}' in {name} literal", d as char),
            );
        } else if seen_sep {
            if let Some(k) = invalid_sep(text.as_bytes()) {
                self.err(start + k, "'_' must separate successive digits");
            }
        }
        self.push(Tok::Int(text), start);
    }

    /// Scans digits (and `_`) of up to base 16; records the first digit invalid for `base`.
    fn digits(&mut self, base: u32, invalid: &mut Option<(usize, u8)>, sep: &mut bool) {
        loop {
            let c = self.peek(0);
            if c == b'_' {
                *sep = true;
            } else if c.is_ascii_digit() || (base == 16 && c.is_ascii_hexdigit()) {
                let v = (c as char).to_digit(16).unwrap();
                if v >= base && invalid.is_none() {
                    *invalid = Some((self.i, c));
                }
            } else {
                break;
            }
            self.i += 1;
        }
    }

    fn escape(&mut self, quote: u8, out: &mut Vec<u8>) -> bool {
        // self.i at the backslash
        let _at = self.i;
        self.i += 1;
        let c = self.peek(0);
        let simple = match c {
            b'a' => Some(7),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(11),
            b'\\' => Some(b'\\'),
            _ if c == quote => Some(quote),
            _ => None,
        };
        if let Some(b) = simple {
            out.push(b);
            self.i += 1;
            return true;
        }
        let (n, base, max): (usize, u32, u32) = match c {
            b'0'..=b'7' => (3, 8, 255),
            b'x' => (2, 16, 255),
            b'u' => (4, 16, 0x10FFFF),
            b'U' => (8, 16, 0x10FFFF),
            _ => {
                if c == b'\n' || self.i >= self.src.len() {
                    return false;
                }
                self.err(self.i, "unknown escape");
                self.i += 1;
                return true;
            }
        };
        if c != b'0' && !(b'1'..=b'7').contains(&c) {
            self.i += 1;
        }
        let mut v: u32 = 0;
        for _ in 0..n {
            let d = self.peek(0);
            match (d as char).to_digit(base) {
                Some(x) => {
                    v = v * base + x;
                    self.i += 1;
                }
                None => {
                    if d == b'\n' || self.i >= self.src.len() {
                        self.err(self.i, "escape sequence not terminated");
                        return false;
                    }
                    self.err(self.i, "invalid character in escape sequence");
                    return true;
                }
            }
        }
        if v > max || (0xD800..0xE000).contains(&v) && n >= 4 {
            self.err(self.i, "escape is invalid Unicode code point");
            return true;
        }
        if n >= 4 {
            let ch = char::from_u32(v).unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
        } else {
            out.push(v as u8);
        }
        true
    }

    fn string(&mut self) {
        let start = self.i;
        self.i += 1;
        let mut out = Vec::new();
        loop {
            if self.i >= self.src.len() {
                self.err(start, "string literal not terminated");
                break;
            }
            let c = self.src[self.i];
            match c {
                b'"' => {
                    self.i += 1;
                    break;
                }
                b'\n' => {
                    self.err(self.i, "newline in string");
                    break;
                }
                b'\\' => {
                    if !self.escape(b'"', &mut out) {
                        continue;
                    }
                }
                0 => {
                    self.err(self.i, "invalid NUL character");
                    self.i += 1;
                }
                _ if c >= 0x80 => match self.decode(self.i) {
                    Some((_, n)) => {
                        out.extend_from_slice(&self.src[self.i..self.i + n]);
                        self.i += n;
                    }
                    None => {
                        self.err(self.i, "invalid UTF-8 encoding");
                        out.push(c);
                        self.i += 1;
                    }
                },
                _ => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        self.push(Tok::Str(out), start);
    }

    fn raw_string(&mut self) {
        let start = self.i;
        let start_pos = self.pos_at(start);
        self.i += 1;
        let mut out = Vec::new();
        loop {
            if self.i >= self.src.len() {
                self.errs.push(Diagnostic::new(
                    start_pos,
                    "raw string literal not terminated",
                ));
                break;
            }
            let c = self.src[self.i];
            match c {
                b'`' => {
                    self.i += 1;
                    break;
                }
                b'\r' => self.i += 1,
                b'\n' => {
                    out.push(c);
                    self.newline();
                    self.i += 1;
                }
                0 => {
                    self.err(self.i, "invalid NUL character");
                    self.i += 1;
                }
                _ if c >= 0x80 => match self.decode(self.i) {
                    Some((_, n)) => {
                        out.extend_from_slice(&self.src[self.i..self.i + n]);
                        self.i += n;
                    }
                    None => {
                        self.err(self.i, "invalid UTF-8 encoding");
                        out.push(c);
                        self.i += 1;
                    }
                },
                _ => {
                    out.push(c);
                    self.i += 1;
                }
            }
        }
        self.semi_ok = true;
        self.toks.push(Token {
            tok: Tok::Str(out),
            pos: start_pos,
        });
    }

    fn rune(&mut self) {
        let start = self.i;
        self.i += 1;
        let mut out = Vec::new();
        let mut n = 0;
        loop {
            if self.i >= self.src.len() || self.src[self.i] == b'\n' {
                self.err(start, "rune literal not terminated");
                break;
            }
            let c = self.src[self.i];
            if c == b'\'' {
                self.i += 1;
                if n != 1 {
                    self.err(start, "invalid rune literal");
                }
                break;
            }
            n += 1;
            if c == b'\\' {
                if !self.escape(b'\'', &mut out) {
                    continue;
                }
            } else if c >= 0x80 {
                let len = self.decode(self.i).map(|x| x.1).unwrap_or(1);
                self.i += len;
            } else {
                self.i += 1;
            }
        }
        let text = String::from_utf8_lossy(&self.src[start..self.i]).into_owned();
        self.push(Tok::Char(text), start);
    }
}

/// Go's rule for `_` in number literals (a port of Go's `invalidSep`): the index of the
/// first misplaced `_`, if any.
fn invalid_sep(x: &[u8]) -> Option<usize> {
    let mut x1 = b' ';
    let mut d = b'.';
    let mut i = 0;
    if x.len() >= 2 && x[0] == b'0' {
        x1 = x[1].to_ascii_lowercase();
        if x1 == b'x' || x1 == b'o' || x1 == b'b' {
            d = b'0';
            i = 2;
        }
    }
    while i < x.len() {
        let p = d;
        d = x[i];
        if d == b'_' {
            if p != b'0' {
                return Some(i);
            }
        } else if d.is_ascii_digit() || (x1 == b'x' && d.is_ascii_hexdigit()) {
            d = b'0';
        } else {
            if p == b'_' {
                return Some(i - 1);
            }
            d = b'.';
        }
        i += 1;
    }
    if d == b'_' {
        return Some(x.len() - 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        let (t, e) = lex(src.as_bytes());
        assert!(e.is_empty(), "{e:?}");
        t.iter()
            .map(|t| match &t.tok {
                Tok::Ident(s) | Tok::Int(s) => s.clone(),
                Tok::Semi(true) => "NL".into(),
                Tok::Semi(false) => ";".into(),
                Tok::Eof => "EOF".into(),
                Tok::Keyword(k) | Tok::Op(k) => k.to_string(),
                Tok::Str(s) => format!("{:?}", String::from_utf8_lossy(s)),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn semicolons() {
        assert_eq!(
            kinds("x++\ny\nreturn\n}\n(\n"),
            ["x", "++", "NL", "y", "NL", "return", "NL", "}", "NL", "(", "EOF"]
        );
        assert_eq!(kinds("a // c\nb"), ["a", "NL", "b", "NL", "EOF"]);
        assert_eq!(kinds("a /* c\n */ b"), ["a", "NL", "b", "NL", "EOF"]);
        assert_eq!(kinds("a /* c */ b"), ["a", "b", "NL", "EOF"]);
        assert_eq!(kinds("a +\nb"), ["a", "+", "b", "NL", "EOF"]);
        assert_eq!(kinds(""), ["EOF"]);
    }

    #[test]
    fn literals() {
        assert_eq!(
            kinds(r#""a\n\x41\101\u00e9" `r\n`"#),
            ["\"a\\nAAé\"", "\"r\\\\n\"", "NL", "EOF"]
        );
        assert_eq!(
            kinds("0x_1F 0o17 017 0b1_0 1_000"),
            ["0x_1F", "0o17", "017", "0b1_0", "1_000", "NL", "EOF"]
        );
        let (_, e) = lex(b"1__0");
        assert_eq!(e.len(), 1);
        let (_, e) = lex(b"10_");
        assert_eq!(e.len(), 1);
        let (_, e) = lex(b"089");
        assert_eq!(e[0].pos.col, 2);
        let (t, _) = lex(b"1.5 1e3 0x1p3 2i");
        assert!(t[..4].iter().all(|t| matches!(t.tok, Tok::Float(_))));
    }

    #[test]
    fn errors() {
        let (_, e) = lex(b"a /* x");
        assert_eq!(e[0].message, "comment not terminated");
        let (_, e) = lex(b"\"abc");
        assert_eq!(e[0].pos.col, 1);
        let (_, e) = lex(b"a \xff b");
        assert_eq!(e[0].pos.col, 3);
        let (_, e) = lex(b"a \0 b");
        assert_eq!(e[0].pos.col, 3);
    }
}

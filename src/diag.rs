//! Diagnostics: positions, messages and their rendering.

use crate::check::hir::Pos;

/// One error found in a source file, at the position Go would report.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Where (1-based line and byte column; line 0 means "the whole file").
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `pos`.
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
        }
    }
}

/// Renders diagnostics as Go prints them: `FILE:LINE:COL: message`, then the source line
/// and a caret under the column (tabs of the source line are kept in the caret line so
/// that the caret aligns). Every line ends in `\n`.
pub fn render(filename: &str, src: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    let lines: Vec<&[u8]> = src.as_bytes().split(|&b| b == b'\n').collect();
    for d in diags {
        if d.pos.line == 0 {
            out.push_str(&format!("{filename}: {}\n", d.message));
            continue;
        }
        out.push_str(&format!(
            "{filename}:{}:{}: {}\n",
            d.pos.line, d.pos.col, d.message
        ));
        if let Some(line) = lines.get(d.pos.line as usize - 1) {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let text = String::from_utf8_lossy(line);
            out.push_str(&text);
            out.push('\n');
            let mut caret = String::new();
            let col = (d.pos.col as usize).saturating_sub(1);
            for &b in line.iter().take(col) {
                caret.push(if b == b'\t' { '\t' } else { ' ' });
            }
            // Pad when the column is past the end of the line (e.g. at EOF).
            for _ in line.len()..col {
                caret.push(' ');
            }
            caret.push('^');
            out.push_str(&caret);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_with_tabs() {
        let src = "package main\nfunc main() {\n\tx := 1\n}\n";
        let d = Diagnostic::new(Pos { line: 3, col: 2 }, "x declared but not used");
        let s = render("a.go", src, &[d]);
        assert_eq!(s, "a.go:3:2: x declared but not used\n\tx := 1\n\t^\n");
    }
}

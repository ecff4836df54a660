//! The Go front end: lexer (with semicolon insertion), parser and syntax tree.

//! Lexer and parser of Go's template syntax into [`crate::ast`] trees (being written, issue 9).

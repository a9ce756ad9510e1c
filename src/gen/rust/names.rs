//! Rust identifiers: WIT names in Rust's case conventions, keywords escaped.

use crate::gen::names::{shouty, snake, upper_camel};

/// Rust's strict and reserved keywords (2015–2024 editions).
const RUST_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Makes `ident` usable as a Rust identifier: keywords become raw identifiers, except those
/// that cannot be raw (`self`, `Self`, `super`, `crate`), which get a trailing underscore.
pub fn rust_escape(ident: String) -> String {
    if !RUST_KEYWORDS.contains(&ident.as_str()) {
        return ident;
    }
    match ident.as_str() {
        "self" | "Self" | "super" | "crate" => ident + "_",
        _ => format!("r#{ident}"),
    }
}

pub fn rust_snake(name: &str) -> String {
    rust_escape(snake(name))
}

pub fn rust_camel(name: &str) -> String {
    rust_escape(upper_camel(name))
}

pub fn rust_shouty(name: &str) -> String {
    rust_escape(shouty(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_escaped() {
        assert_eq!(rust_snake("type"), "r#type");
        assert_eq!(rust_snake("self"), "self_");
        assert_eq!(rust_camel("self"), "Self_");
        assert_eq!(rust_snake("crate"), "crate_");
        assert_eq!(rust_snake("super"), "super_");
        assert_eq!(rust_snake("gen"), "r#gen");
        assert_eq!(rust_snake("union"), "union");
        assert_eq!(rust_snake("plain"), "plain");
    }
}

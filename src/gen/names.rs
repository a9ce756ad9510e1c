//! WIT identifiers → target-language identifiers.
//!
//! Case conversion and the names of functions are shared; keyword escaping is per language
//! (each backend's `names`). `Scope` makes the names given out in one namespace unique,
//! deterministically (first come, first served; later ones get a `_` suffix).

use std::collections::HashSet;

use wit_parser::{Function, FunctionKind};

/// Splits a WIT kebab-case identifier into its words (`%` escapes already stripped by wit-parser).
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split('-').filter(|w| !w.is_empty())
}

/// `foo-bar` → `foo_bar`.
pub fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, w) in words(name).enumerate() {
        if i > 0 {
            out.push('_');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// `foo-bar` → `FooBar`; an all-caps word such as `HTTP` becomes `Http`.
pub fn upper_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in words(name) {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.extend(chars.flat_map(char::to_lowercase));
        }
    }
    out
}

/// `foo-bar` → `FOO_BAR`.
pub fn shouty(name: &str) -> String {
    snake(name).to_uppercase()
}

/// A function's name within its resource or interface, kebab-case: `new` for constructors,
/// `set-x` for setters, the plain item name otherwise.
pub fn item_name(func: &Function) -> String {
    match func.kind {
        FunctionKind::Constructor(_) => "new".into(),
        FunctionKind::Setter | FunctionKind::MethodSetter(_) | FunctionKind::StaticSetter(_) => {
            format!("set-{}", func.item_name())
        }
        _ => func.item_name().to_string(),
    }
}

/// Whether a function takes its resource as first parameter (`self`).
pub fn is_method(kind: &FunctionKind) -> bool {
    matches!(
        kind,
        FunctionKind::Method(_)
            | FunctionKind::AsyncMethod(_)
            | FunctionKind::MethodGetter(_)
            | FunctionKind::MethodSetter(_)
    )
}

/// One namespace: hands out unique names in the order asked.
#[derive(Default, Debug, Clone)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope whose names must also avoid `reserved`.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        let mut scope = Self::new();
        for r in reserved {
            scope.taken.insert((*r).to_string());
        }
        scope
    }

    /// Returns `wanted`, or `wanted_`, `wanted__`… if taken; records the answer.
    pub fn claim(&mut self, wanted: String) -> String {
        let mut name = wanted;
        while self.taken.contains(name.trim_start_matches("r#")) {
            if let Some(raw) = name.strip_prefix("r#") {
                name = raw.to_string();
            }
            name.push('_');
        }
        self.taken.insert(name.trim_start_matches("r#").to_string());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion() {
        assert_eq!(snake("foo-bar-baz"), "foo_bar_baz");
        assert_eq!(upper_camel("foo-bar"), "FooBar");
        assert_eq!(upper_camel("http-URL"), "HttpUrl");
        assert_eq!(shouty("a-b"), "A_B");
        assert_eq!(upper_camel("v2-record"), "V2Record");
    }

    #[test]
    fn scope_deduplicates_deterministically() {
        let mut scope = Scope::with_reserved(&["Guest"]);
        assert_eq!(scope.claim("Guest".into()), "Guest_");
        assert_eq!(scope.claim("Foo".into()), "Foo");
        assert_eq!(scope.claim("Foo".into()), "Foo_");
        assert_eq!(scope.claim("Foo".into()), "Foo__");
        // A raw identifier and the plain name collide, and the result stays a valid identifier.
        let mut scope = Scope::new();
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type_");
    }
}

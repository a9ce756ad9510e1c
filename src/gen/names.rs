//! WIT identifiers → target-language identifiers.
//!
//! Case conversion and the names of functions are shared; keyword escaping is per language
//! (each backend's `names`). `Scope` makes the names given out in one namespace unique,
//! deterministically (first come, first served; later ones get a `_` suffix).

use crate::gen::hash::HashSet;

use wit_parser::{Function, FunctionKind, Handle, Resolve, Type, TypeDefKind};

use super::abi::dealias;

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

/// A snake-case name for a type, for names derived from it (`u32`, `list_u8`,
/// `future_string`); a named type is `named(its WIT name)`.
pub fn type_slug(resolve: &Resolve, ty: &Type, named: &dyn Fn(&str) -> String) -> String {
    let slug = |t: &Type| type_slug(resolve, t, named);
    let opt = |t: &Option<Type>| t.as_ref().map_or("unit".to_string(), slug);
    match dealias(resolve, *ty) {
        Type::Id(id) => {
            let def = &resolve.types[id];
            if let Some(n) = &def.name {
                if !matches!(def.kind, TypeDefKind::Handle(_)) {
                    return named(n);
                }
            }
            match &def.kind {
                TypeDefKind::List(t) => format!("list_{}", slug(t)),
                TypeDefKind::FixedLengthList(t, n) => format!("list_{}_{n}", slug(t)),
                TypeDefKind::Option(t) => format!("option_{}", slug(t)),
                TypeDefKind::Result(r) => format!("result_{}_{}", opt(&r.ok), opt(&r.err)),
                TypeDefKind::Tuple(t) if t.types.is_empty() => "unit".into(),
                TypeDefKind::Tuple(t) => {
                    let parts: Vec<String> = t.types.iter().map(slug).collect();
                    format!("tuple_{}", parts.join("_"))
                }
                TypeDefKind::Map(k, v) => format!("map_{}_{}", slug(k), slug(v)),
                TypeDefKind::Future(t) => format!("future_{}", opt(t)),
                TypeDefKind::Stream(t) => format!("stream_{}", opt(t)),
                TypeDefKind::Handle(Handle::Own(r) | Handle::Borrow(r)) => slug(&Type::Id(*r)),
                _ => "value".into(),
            }
        }
        Type::ErrorContext => "error_context".into(),
        other => primitive(&other).to_string(),
    }
}

/// The WIT spelling of a type (a named one by its name), for doc comments.
pub fn wit_spelling(resolve: &Resolve, ty: &Type) -> String {
    let spell = |t: &Type| wit_spelling(resolve, t);
    let opt = |t: &Option<Type>| t.as_ref().map(spell);
    let Type::Id(id) = *ty else {
        return primitive(ty).to_string();
    };
    let def = &resolve.types[id];
    if let Some(n) = &def.name {
        return n.clone();
    }
    match &def.kind {
        TypeDefKind::Future(t) => opt(t).map_or("future".into(), |p| format!("future<{p}>")),
        TypeDefKind::Stream(t) => opt(t).map_or("stream".into(), |p| format!("stream<{p}>")),
        TypeDefKind::List(t) => format!("list<{}>", spell(t)),
        TypeDefKind::FixedLengthList(t, n) => format!("list<{}, {n}>", spell(t)),
        TypeDefKind::Option(t) => format!("option<{}>", spell(t)),
        TypeDefKind::Result(r) => match (opt(&r.ok), opt(&r.err)) {
            (None, None) => "result".into(),
            (Some(ok), None) => format!("result<{ok}>"),
            (None, Some(err)) => format!("result<_, {err}>"),
            (Some(ok), Some(err)) => format!("result<{ok}, {err}>"),
        },
        TypeDefKind::Tuple(t) => {
            let parts: Vec<String> = t.types.iter().map(spell).collect();
            format!("tuple<{}>", parts.join(", "))
        }
        TypeDefKind::Map(k, v) => format!("map<{}, {}>", spell(k), spell(v)),
        TypeDefKind::Handle(Handle::Own(r)) => spell(&Type::Id(*r)),
        TypeDefKind::Handle(Handle::Borrow(r)) => format!("borrow<{}>", spell(&Type::Id(*r))),
        TypeDefKind::Type(t) => spell(t),
        _ => "type".into(),
    }
}

/// The WIT name of a primitive type.
fn primitive(ty: &Type) -> &'static str {
    match ty {
        Type::Bool => "bool",
        Type::U8 => "u8",
        Type::S8 => "s8",
        Type::U16 => "u16",
        Type::S16 => "s16",
        Type::U32 => "u32",
        Type::S32 => "s32",
        Type::U64 => "u64",
        Type::S64 => "s64",
        Type::F32 => "f32",
        Type::F64 => "f64",
        Type::Char => "char",
        Type::String => "string",
        Type::ErrorContext => "error-context",
        Type::Id(_) => "type",
    }
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

//! MoonBit identifiers: case conventions of the language, keywords and prelude names escaped.
//!
//! Generated code names its own helpers and temporaries with a `wb__` prefix: WIT identifiers
//! cannot contain `--`, so no WIT name ever converts to one of them.

use std::sync::LazyLock;

use crate::gen::hash::HashSet;
use crate::gen::names::{snake, upper_camel};

/// Keywords and reserved words of MoonBit (current and announced), separated by whitespace.
const KEYWORDS: &str = "
    and as assert async await break catch const continue defer derive else enum enumview extern
    false fn fnalias for guard if impl import in init is let letrec loop main match method
    module move mut noraise priv pub raise readonly recur ref return self static struct
    suberror super test throw trait traitalias true try type typealias typeof unsafe use using
    virtual where while with yield abstract alias as atomic do dyn export extends final finally
    include lazy local macro namespace override package private protected public sealed
    signature then var void _
";

/// Words the compiler reserves for possible future use: it warns (`reserved_keyword`) on them.
const RESERVED_WORDS: &str = "
    isnot define downcast inherit member upcast mixin volatile anyframe anytype asm comptime
    errdefer opaque orelse resume threadlocal dynclass dynobj dynrec noasync assume
";

/// Types and traits of the prelude that generated code (or its user) refers to unqualified.
const PRELUDE_TYPES: &str = "
    Array ArrayView Bool Byte Bytes BytesView Char Double Error FixedArray Float Int Int16
    Int64 Iter Json Map Option Ref Result Self Set Show String StringBuilder StringView UInt
    UInt16 UInt64 Unit Eq Compare Hash Debug Default Logger Failure
";

/// Functions of the prelude that generated code (or its user) calls unqualified.
const PRELUDE_VALUES: &str = "
    abort fail ignore not panic physical_equal println print inspect tap
";

type Words = LazyLock<HashSet<&'static str>>;

static ESCAPED: Words = LazyLock::new(|| words(KEYWORDS).chain(words(RESERVED_WORDS)).collect());
static PRELUDE_TYPE_WORDS: Words = LazyLock::new(|| words(PRELUDE_TYPES).collect());
static PRELUDE_VALUE_WORDS: Words = LazyLock::new(|| words(PRELUDE_VALUES).collect());

fn words(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.split_whitespace()
}

/// `ident`, with a trailing `_` when it is a keyword, a reserved word or `reserved`.
fn escape(ident: String, reserved: impl Fn(&str) -> bool) -> String {
    if ESCAPED.contains(ident.as_str()) || reserved(&ident) {
        ident + "_"
    } else {
        ident
    }
}

/// A function, parameter, field or package identifier: `foo_bar`.
pub fn value(name: &str) -> String {
    let mut s = snake(name);
    // MoonBit identifiers cannot start with a digit (WIT words can, after the first).
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    escape(s, |w| PRELUDE_VALUE_WORDS.contains(w))
}

/// A type or constructor identifier: `FooBar`.
pub fn type_(name: &str) -> String {
    escape(upper_camel(name), |w| PRELUDE_TYPE_WORDS.contains(w))
}

/// A variant or enum case: always written qualified (`Type::Case`), so only `Self` is taken.
pub fn case(name: &str) -> String {
    escape(upper_camel(name), |w| w == "Self")
}

/// Names a core wasm name may not carry as a package path segment.
pub fn path_segment(name: &str) -> String {
    escape(snake(name), |w| {
        ["ffi", "rt", "impl", "world", "link"].contains(&w)
    })
}

/// The names every scope of values starts with: what the prelude provides.
pub fn reserved_values() -> Vec<&'static str> {
    words(PRELUDE_VALUES).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_and_prelude_names_are_escaped() {
        assert_eq!(value("type"), "type_");
        assert_eq!(value("match"), "match_");
        assert_eq!(value("foo-bar"), "foo_bar");
        assert_eq!(value("panic"), "panic_");
        assert_eq!(type_("string"), "String_");
        assert_eq!(type_("option"), "Option_");
        assert_eq!(type_("my-type"), "MyType");
        assert_eq!(path_segment("ffi"), "ffi_");
        // Words the compiler reserves for later (it warns on them) are escaped too.
        assert_eq!(value("resume"), "resume_");
    }
}

//@ args = '--with my:inline/foo=crate::other::my::inline::foo'
//@ more-bindings = { other = "gen" }

// `with` only affects imports (test side): the component imports and exports `my:inline/foo`;
// `with` maps the import to the bindings in `other`, while the export keeps types of its own.
// It forwards each call to the leaf, converting between the two `a`s.
use std::any::TypeId;

use bindings::exports::my::inline::foo::{Guest, A};

struct Component;

impl Guest for Component {
    fn bar(a: A) {
        assert!(TypeId::of::<A>() != TypeId::of::<other::my::inline::foo::A>());
        // The import is `other`'s: `bindings` has no module of its own for it.
        other::my::inline::foo::bar(other::my::inline::foo::A { b: a.b + 1 })
    }
}

bindings::export!(Component with_types_in bindings);

//@ args = '--merge-structurally-equal-types'

// Equal types (proxy side): imports and exports `blag` and `blah`, and forwards every call
// with the values it receives, passing what an export gets straight to the import and
// returning what the import gives. The import and export copies of an interface are
// different Rust types unless merged, and `blah`'s `f` returns `blag`'s `kind1` as its own
// `kind5`: without the option none of the forwarding compiles. `t-stream` holds a borrow of
// `input-stream`, whose import and export copies are different resources, so it is not
// merged and is rebuilt.
use bindings::exports::test::equal_types::blag::{self as blag_export, InputStreamBorrow};
use bindings::exports::test::equal_types::blah as blah_export;
use bindings::test::equal_types::{blag, blah};

struct Proxy;

struct Stream;

impl blag_export::GuestInputStream for Stream {
    fn read(&self, _len: u64) -> Vec<u8> {
        Vec::new()
    }
}

/// The import's `t-stream` with the export's tree and no stream (the export's stream is one
/// of ours, which the host cannot read).
fn rebuild(x: blag_export::TStream<'_>) -> blag::TStream<'static> {
    let _: Option<InputStreamBorrow<'_>> = x.stream;
    blag::TStream {
        tree: x.tree,
        stream: None,
    }
}

impl blag_export::Guest for Proxy {
    type InputStream = Stream;

    fn f(x: blag_export::Kind1) -> blag_export::Kind1 {
        blag::f(x)
    }

    fn g(_x: blag_export::Kind3) -> blag_export::Kind4 {
        unreachable!("no input-stream reaches the proxy: none can be made")
    }

    fn h(x: blag_export::TStream<'_>) -> blag_export::Tree {
        blag::h(rebuild(x))
    }
}

impl blah_export::Guest for Proxy {
    fn f(x: blah_export::Kind6) -> blah_export::Kind5 {
        blah::f(x)
    }

    fn g(_x: blah_export::Kind7<'_>) -> blah_export::Kind4 {
        unreachable!("no input-stream reaches the proxy: none can be made")
    }

    fn h(x: blah_export::TStream<'_>) -> blah_export::CustomResult {
        blah::h(rebuild(x))
    }

    fn alias_type(x: blah_export::R2) -> blah_export::R1 {
        blah::alias_type(x)
    }

    fn flip(e: blah_export::E2, f: blah_export::F2) -> (blah_export::E2, blah_export::F2) {
        blah::flip(e, f)
    }

    fn first(x: Vec<blah_export::Kind5>) -> Option<blah_export::Kind5> {
        blah::first(&x)
    }

    fn rename(x: blah_export::Named, suffix: String) -> blah_export::Named {
        blah::rename(&x, &suffix)
    }

    fn describe(x: blah_export::Label) -> String {
        blah::describe(&x)
    }
}

bindings::export!(Proxy with_types_in bindings);

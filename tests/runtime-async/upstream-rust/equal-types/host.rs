//@ args = '--merge-structurally-equal-types'

// Equal types (host side): implements `blag`, `blah` and `resources` with each function's
// types swapped for structurally equal ones of another interface or name: `blah`'s `f` takes
// `Kind6` and returns `Kind1` values where `Kind5` is declared, `alias_type` returns its `R2`
// argument as `R1`, `rename` builds `blag`'s `Named` for `blah`'s, `alias_own` its `T2` as `T1`. Without the option each of these is a
// different Rust type and this does not compile.
use bindings::exports::test::equal_types::blag::{self, Kind1, Kind3, Kind4, TStream, Tree};
use bindings::exports::test::equal_types::blah::{self, CustomResult, Kind5, Kind6, Kind7};
use bindings::exports::test::equal_types::blah::{E2, F2, R1, R2};
use bindings::exports::test::equal_types::resources::{self, GuestR1, T1, T2};

struct Host;

struct Stream;

impl blag::GuestInputStream for Stream {
    fn read(&self, _len: u64) -> Vec<u8> {
        Vec::new()
    }
}

/// `a` and `c` trade places, `b` counts up.
fn step(x: Kind1) -> Kind5 {
    match x {
        Kind1::A => Kind5::C,
        Kind1::B(n) => Kind5::B(n + 1),
        Kind1::C => Kind1::A,
    }
}

impl blag::Guest for Host {
    type InputStream = Stream;

    fn f(x: Kind1) -> Kind1 {
        step(x)
    }

    fn g(x: Kind3) -> Kind4 {
        // `kind4` is `kind3` under another name: the same value goes back.
        x
    }

    fn h(x: TStream<'_>) -> Tree {
        assert!(x.stream.is_none());
        x.tree
    }
}

impl blah::Guest for Host {
    fn f(x: Kind6) -> Kind5 {
        let same = match x {
            Kind6::A => Kind1::A,
            Kind6::B(n) => Kind1::B(n),
            Kind6::C => Kind5::C,
        };
        step(same)
    }

    fn g(_x: Kind7<'_>) -> Kind4 {
        unreachable!("no input-stream reaches the host: none can be made")
    }

    fn h(x: TStream<'_>) -> CustomResult {
        // `tt` is `tree` (its `t2` is `blag`'s `t1`, and so on down).
        let tt: blah::Tt = x.tree;
        CustomResult::Ok(tt)
    }

    fn alias_type(x: R2) -> R1 {
        R1 { a: x.a * 2 }
    }

    fn flip(e: E2, f: F2) -> (E2, F2) {
        let e = match e {
            blag::E1::X => E2::Y,
            E2::Y => blag::E1::X,
        };
        (e, blag::F1::all() ^ f)
    }

    fn first(x: Vec<Kind5>) -> Option<Kind5> {
        x.into_iter().next().map(step)
    }

    fn rename(x: blah::Named, suffix: String) -> blah::Named {
        blag::Named {
            name: x.name + &suffix,
            kind: step(x.kind),
        }
    }

    fn describe(x: blah::Label) -> String {
        format!("label {}", x.text)
    }
}

struct Resource;

impl GuestR1 for Resource {}

impl resources::Guest for Host {
    type R1 = Resource;

    fn alias_own(x: T2) -> T1 {
        x
    }

    fn alias_aggregate(x: Option<T2>) -> Option<T1> {
        x
    }
}

bindings::export!(Host with_types_in bindings);

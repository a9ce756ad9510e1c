//@ args = ['--merge-structurally-equal-types', '-dPartialEq', '--additional-derive-ignore=kind7', '--additional-derive-ignore=kind3', '--additional-derive-ignore=kind4', '--additional-derive-ignore=t-stream']

// Equal types (runner side): passes values of one interface's types where the other's
// structurally equal ones are declared: `blag::Kind1` to `blah::f` (declared `kind6`, which has
// its cases in another order, so is not equal: that one takes a `Kind6`) and to `blah::first`
// (a list of `kind5`), `blag::E1`/`F1` to `blah::flip` (`e2`/`f2`), a tree mixing `blag`'s
// and `blah`'s `t1`/`t2`/`t3` (`blah`'s `t1` is `blag`'s `t2`) to both `h`, and compares what
// comes back across interfaces; `blag`'s `Named` and `Label` (records holding strings) to
// `blah::rename` and `blah::describe`, which take them by reference. Without the option none of this compiles.
use bindings::test::equal_types::{blag, blah};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        // `a` and `c` trade places, `b` counts up (see the host's `step`).
        assert_eq!(blag::f(blag::Kind1::A), blah::Kind5::C);
        let res2: blag::Kind1 = blah::f(blah::Kind6::A);
        assert_eq!(blag::f(blag::Kind1::A), res2);
        assert_eq!(blah::f(blah::Kind6::B(41)), blag::Kind2::B(42));
        assert_eq!(blah::f(blah::Kind6::C), blag::Kind1::A);

        let kind1 = blag::Kind1::B(7);
        let t3 = blah::T3 {
            l: kind1.clone(),
            r: blag::Kind2::C,
        };
        let t2 = blag::T2 {
            l: blag::T3 {
                l: blah::Kind5::A,
                r: kind1.clone(),
            },
            r: t3.clone(),
        };
        let t1 = blah::T2 {
            l: t2.clone(),
            r: blah::T1 {
                l: t3.clone(),
                r: t3,
            },
        };
        let tree = blah::Tt {
            l: t1.clone(),
            r: blag::T1 {
                r: t1.l.clone(),
                l: t2,
            },
        };
        let t_stream = blag::TStream {
            tree: tree.clone(),
            stream: None,
        };
        let res1: blah::Tt = blag::h(blag::TStream {
            tree: tree.clone(),
            stream: None,
        });
        let blah::CustomResult::Ok(res2) = blah::h(t_stream) else {
            unreachable!("the host returns `ok`")
        };
        assert_eq!(res1, tree);
        assert_eq!(res1, res2);

        // `r2`'s field is `a1`, an alias of `u8`: the same record as `r1`.
        let r: blah::R2 = blah::alias_type(blah::R1 { a: 21 });
        assert_eq!(r, blah::R1 { a: 42 });

        let (e, f) = blah::flip(blag::E1::X, blag::F1::P);
        assert_eq!((e, f), (blah::E2::Y, blah::F2::Q));
        let (e, f) = blah::flip(blah::E2::Y, blag::F1::all());
        assert_eq!((e, f), (blag::E1::X, blag::F1::empty()));

        let items = [blag::Kind1::C, blah::Kind5::A, blag::Kind2::B(1)];
        assert_eq!(blah::first(&items), Some(blag::Kind1::A));
        assert_eq!(blah::first(&items[1..]), Some(blag::Kind1::C));
        assert_eq!(blah::first(&[]), None);

        let named = blag::Named {
            name: "kind".into(),
            kind: blag::Kind1::B(1),
        };
        let renamed: blag::Named = blah::rename(&named, "-2");
        assert_eq!(
            renamed,
            blah::Named {
                name: "kind-2".into(),
                kind: blag::Kind1::B(2)
            }
        );
        let label = blag::Label { text: "l".into() };
        assert_eq!(blah::describe(&label), "label l");
    }
}

bindings::export!(Runner with_types_in bindings);

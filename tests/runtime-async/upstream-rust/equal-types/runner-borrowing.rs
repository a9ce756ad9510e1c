//@ args = ['--merge-structurally-equal-types', '--ownership', 'borrowing']

// Equal types with `ownership: borrowing` (runner side): `blah`'s `label`, only ever passed to
// an import, gets a borrowing definition (`Label<'a> { text: &'a str }`), which is not merged
// and stays its own type beside `blag`'s owning `Label`; `named`, also returned, is owning and
// merged: `blag::Named` goes to `blah::rename` and comes back. The merged variants, enums,
// flags and records of the other runner pass as there. Without the option the `blag` values
// given to `blah` functions do not compile.
use bindings::test::equal_types::{blag, blah};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(blah::f(blah::Kind6::B(1)), blag::Kind1::B(2));
        let items = [blag::Kind2::A];
        assert_eq!(blah::first(&items), Some(blah::Kind5::C));
        let (e, f) = blah::flip(blag::E1::Y, blag::F1::empty());
        assert_eq!((e, f), (blag::E1::X, blah::F2::all()));
        let r: blag::Kind1 = blah::f(blah::Kind6::C);
        assert_eq!(r, blag::Kind1::A);

        let named = blag::Named {
            name: "kind".into(),
            kind: blag::Kind1::C,
        };
        let renamed: blag::Named = blah::rename(&named, "-3");
        assert_eq!(renamed.name, "kind-3");
        assert_eq!(renamed.kind, blah::Kind5::A);

        // Borrowed from a literal: no allocation.
        let label: blah::Label<'static> = blah::Label { text: "borrowed" };
        assert_eq!(blah::describe(label), "label borrowed");
        let owned = blag::Label {
            text: "owned".into(),
        };
        assert_eq!(
            blah::describe(blah::Label { text: &owned.text }),
            "label owned"
        );
    }
}

bindings::export!(Runner with_types_in bindings);

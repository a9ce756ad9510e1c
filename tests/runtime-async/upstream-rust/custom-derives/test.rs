//@ args = ['-dHash', '-d', 'Clone,std::cmp::PartialEq', '--additional-derive-attribute', 'core::cmp::Eq,PartialOrd,Ord', '--additional-derive-ignore', 'ignoreme']

// Custom derives (test side): `foo` gets `Hash`, `Eq`, `PartialOrd` and `Ord` on top of what it
// derives already (the `Clone` and `PartialEq` asked for again are not repeated, which would not
// compile), so it goes into a `HashSet` and a `BTreeSet`; `ignoreme` holds a resource and is
// ignored by name besides, so it derives none of them.
use std::collections::{BTreeSet, HashSet};

use bindings::exports::my::inline::blag;
use bindings::exports::my::inline::blah::{Foo, Guest, Ignoreme};

struct Component;

impl Guest for Component {
    fn bar(cool: Foo) {
        let expected = Foo {
            field1: "x".to_string(),
            field2: vec![2, 3, 3, 4],
        };
        let other = Foo {
            field1: "hello".to_string(),
            field2: vec![1, 2, 3],
        };
        let hashed: HashSet<Foo> =
            HashSet::from_iter([cool.clone(), expected.clone(), other.clone()]);
        assert_eq!(hashed.len(), 2, "{cool:?} is not the expected value");
        assert!(hashed.contains(&expected));
        let ordered: Vec<Foo> = BTreeSet::from_iter([cool, other.clone()])
            .into_iter()
            .collect();
        // Fields compare in declaration order: "hello" < "x".
        assert_eq!(ordered, [other, expected]);
    }

    fn barry(warm: Ignoreme) {
        let Ignoreme::StreamType(stream) = warm;
        assert!(stream.get::<MyInputStream>().0.is_empty());
    }
}

struct MyInputStream(Vec<u8>);

impl blag::Guest for Component {
    type InputStream = MyInputStream;
}

impl blag::GuestInputStream for MyInputStream {
    fn read(&self, len: u64) -> Vec<u8> {
        self.0.iter().copied().take(len as usize).collect()
    }
}

bindings::export!(Component with_types_in bindings);

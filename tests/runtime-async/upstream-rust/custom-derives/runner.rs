//@ args = ['--additional-derive-attribute', 'Eq,Hash', '--additional-derive-ignore', 'foo']

// Custom derives (runner side): `foo` is ignored by name, so the runner implements `Eq` and `Hash`
// itself (a derive generated as well would conflict with these and fail to compile); it hashes
// by `field1` only, which a derived `Hash` would not.
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use bindings::my::inline::blah::{bar, Foo};

impl Eq for Foo {}

impl Hash for Foo {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.field1.hash(state);
    }
}

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let foo = Foo {
            field1: "x".to_string(),
            field2: vec![2, 3, 3, 4],
        };
        let set: HashSet<Foo> = HashSet::from_iter([foo.clone(), foo.clone()]);
        assert_eq!(set.len(), 1);
        for foo in set {
            bar(&foo);
        }
    }
}

bindings::export!(Runner with_types_in bindings);

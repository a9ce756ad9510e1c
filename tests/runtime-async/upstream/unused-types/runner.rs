//@ args = '--generate-unused-types'

// Types no function uses (runner side): the variant, enum and record of the interface are
// generated anyway (witbind always generates them; upstream needs `--generate-unused-types`) and
// usable; the one function is called.
use bindings::foo::bar::component::{self, UnusedEnum, UnusedRecord, UnusedVariant};

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let e = UnusedVariant::Enum(UnusedEnum::Unused);
        let r = UnusedVariant::Record(UnusedRecord { x: 7 });
        assert_ne!(e, r);
        assert!(matches!(r, UnusedVariant::Record(UnusedRecord { x: 7 })));
        component::foo();
    }
}

bindings::export!(Runner with_types_in bindings);

//@ args = '--generate-unused-types'

// Types no function uses (test side): the variant, enum and record are generated in the export
// module too and usable; `foo` exercises them.
use bindings::exports::foo::bar::component::{Guest, UnusedEnum, UnusedRecord, UnusedVariant};

struct Component;

impl Guest for Component {
    fn foo() {
        let v = UnusedVariant::Record(UnusedRecord { x: 1 });
        assert_eq!(v.clone(), v);
        assert_eq!(UnusedEnum::Unused, UnusedEnum::Unused);
    }
}

bindings::export!(Component with_types_in bindings);

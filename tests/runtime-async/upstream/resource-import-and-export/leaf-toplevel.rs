// A resource imported and re-exported (leaf-toplevel): `toplevel-export` gives back the
// leaf-thing component's thing it is given, untouched.
struct Component;

impl bindings::Guest for Component {
    fn toplevel_export(a: bindings::Thing) -> bindings::Thing {
        a
    }
}

bindings::export!(Component with_types_in bindings);

//@ args = '--disable-custom-section-link-helpers'

// Link helpers off (runner side): witbind accepts wit-bindgen's flag; without
// `--pub-export-macro` it emits no link helpers either way (its component type is a `pub` static
// the linker keeps); the bindings still make a component whose import works.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(bindings::a::x(), ());
    }
}

bindings::export!(Runner with_types_in bindings);

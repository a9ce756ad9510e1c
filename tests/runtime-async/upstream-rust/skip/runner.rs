//@ args = ['--skip', 'bar']

// Skip (runner side): nothing is generated for the import `bar` (the interface labelled
// `exports` is module `exports_`: `exports` is where exports go). Both modules are glob-imported
// below and `bar()` names the hand-written one; were `bar` generated too, the name would be
// ambiguous and this would not compile. The hand-written one calls the core import itself.
use bindings::exports_::*;
use imports::*;

mod imports {
    #[link(wasm_import_module = "exports")]
    unsafe extern "C" {
        #[link_name = "bar"]
        fn bar_import();
    }

    pub fn bar() {
        // SAFETY: `bar: func()` of `exports` takes and returns nothing.
        unsafe { bar_import() }
    }
}

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        foo();
        bar();
    }
}

bindings::export!(Runner with_types_in bindings);

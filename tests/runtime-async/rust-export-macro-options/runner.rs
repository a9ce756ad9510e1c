//@ args = ['--export-macro-name', 'export_runner', '--default-bindings-module', 'bindings']

// The export macro's name and default module (runner side): the macro is `export_runner`, and
// called from the crate root without `with_types_in` it finds the bindings in `bindings`
// (without `--default-bindings-module` it would look in `self`, the crate root, and fail to
// compile; without `--export-macro-name` there would be no `export_runner`).
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        assert_eq!(bindings::witbind::export_macro::api::double(21), 42);
    }
}

bindings::export_runner!(Runner);

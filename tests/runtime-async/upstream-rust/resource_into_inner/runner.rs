// `into_inner` (runner side): runs the test component's checks, which use the runner's import
// of nothing but `test`.
struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        bindings::test::resource_into_inner::to_test::test();
    }
}

bindings::export!(Runner with_types_in bindings);

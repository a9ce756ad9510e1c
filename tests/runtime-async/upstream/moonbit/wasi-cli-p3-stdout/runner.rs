//@ expected-stdout = "hello p3\n"
// Asks the test component to print a line through WASI 0.3 stdout and checks that it reports
// success; the harness compares what the host received with `expected-stdout` above.
use bindings::my::test::i;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        assert_eq!(i::write_stdout().await, Ok(()));
    }
}

bindings::export!(Runner with_types_in bindings);

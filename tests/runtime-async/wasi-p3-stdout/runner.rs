//@ expected-stdout = "hello\nwörld 🌍\n\nsplit into pieces\n"
// Has the test component print lines through WASI 0.3 stdout, whole and in 3-byte pieces (which
// split a multi-byte character across writes); the harness compares what the host received
// with `expected-stdout` above.
use bindings::test::wasi_p3_stdout::printer;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let lines = vec!["hello".to_string(), "wörld 🌍".to_string(), String::new()];
        assert_eq!(printer::print_lines(&lines, 1024).await, Ok(6 + 12 + 1));
        let lines = vec!["split into pieces".to_string()];
        assert_eq!(printer::print_lines(&lines, 3).await, Ok(18));
    }
}

bindings::export!(Runner with_types_in bindings);

// A synchronous `run` calling async imports through `block_on`.
use bindings::test::block_on::api;
use bindings::test::block_on::probe::live_allocations;
use witbind_rt::block_on;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = live_allocations();
        assert_eq!(block_on(api::quick(41)), 42);
        assert_eq!(block_on(api::echo("héllo")), "héllo!");
        // The future borrows a local: `block_on` ends it before returning.
        let values = vec![1, 2, 3, u64::MAX - 6];
        assert_eq!(block_on(api::sum(&values)), u64::MAX);
        // Several in a row, and one future awaiting two calls.
        for i in 0..50 {
            assert_eq!(block_on(api::quick(i)), i + 1);
        }
        let both = block_on(async { (api::quick(1).await, api::echo("a").await) });
        assert_eq!(both, (2, "a!".to_string()));
        assert_eq!(live_allocations(), before, "the test component leaked");
    }
}

bindings::export!(Runner with_types_in bindings);

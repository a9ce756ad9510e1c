// Large results (runner side): results larger and smaller than the static block that keeps a
// result until post-return, one after the other and interleaved, arrive intact, and every call
// leaves both components with as many live allocations as before.
mod alloc_probe;

use bindings::test::large_results::api::{self, Wide};
use bindings::test::large_results::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        for round in 0..3u64 {
            balanced(|| check_wide(&api::wide_of("wide", round * 100, 5), round * 100, 5));
            balanced(|| {
                let narrow = api::narrow_of("narrow", 3);
                assert_eq!(narrow.name, "narrow");
                assert_eq!(narrow.values, [0, 1, 2]);
            });
            balanced(|| check_wide(&api::wide_of("", round, 0), round, 0));
        }
        balanced(|| {
            let sent = api::wide_of("sent back", 7, 9);
            let back = api::roundtrip_wide(&sent);
            assert_eq!(back, sent);
        });
    }
}

fn check_wide(w: &Wide, start: u64, count: u32) {
    let numbers = [w.a, w.b, w.c, w.d, w.e];
    for (i, eight) in numbers.iter().enumerate() {
        let first = start + 8 * i as u64;
        let all = [
            eight.0, eight.1, eight.2, eight.3, eight.4, eight.5, eight.6, eight.7,
        ];
        let expected: Vec<u64> = (first..first + 8).collect();
        assert_eq!(all.to_vec(), expected);
    }
    let values: Vec<u32> = (0..count).collect();
    assert_eq!(w.values, values);
}

/// Runs `f`, then asserts that the test component (through its probe) and this runner hold
/// exactly as many heap allocations as before. `f` drops everything it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let test_before = live_allocations();
    let runner_before = alloc_probe::live();
    f();
    let runner_after = alloc_probe::live();
    let test_after = live_allocations();
    assert_eq!(
        test_after, test_before,
        "live allocations in the test component"
    );
    assert_eq!(
        runner_after, runner_before,
        "live allocations in the runner"
    );
}

bindings::export!(Runner with_types_in bindings);

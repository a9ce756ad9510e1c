// Results (runner side): `result`, `result<u32>`, `result<_, string>` and `result<string, string>`
// on the ok and the err path, passed (the test component names the path and payload it saw) and
// returned (made by the test component from ordinary inputs); result<option<string>, list<u8>>
// in all its shapes, a result of a result, a result whose f32/u64 payloads share a joined slot,
// and lists of results. Every call is allocation-balanced in both components.
mod alloc_probe;

use bindings::test::results::api;
use bindings::test::results::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        four_shapes();
        made_by_test();
        nested();
        lists();
    }
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

fn four_shapes() {
    balanced(|| assert_eq!(api::roundtrip_unit(Ok(())), Ok(())));
    balanced(|| assert_eq!(api::roundtrip_unit(Err(())), Err(())));
    balanced(|| assert_eq!(api::describe_unit(Ok(())), "ok"));
    balanced(|| assert_eq!(api::describe_unit(Err(())), "err"));

    for v in [0, 1, u32::MAX] {
        balanced(|| assert_eq!(api::roundtrip_ok_only(Ok(v)), Ok(v)));
        balanced(|| assert_eq!(api::describe_ok_only(Ok(v)), format!("ok({v})")));
    }
    balanced(|| assert_eq!(api::roundtrip_ok_only(Err(())), Err(())));
    balanced(|| assert_eq!(api::describe_ok_only(Err(())), "err"));

    balanced(|| assert_eq!(api::roundtrip_err_only(Ok(())), Ok(())));
    balanced(|| assert_eq!(api::describe_err_only(Ok(())), "ok"));
    for e in ["", "bad", "érror ☃ 🦀"] {
        balanced(|| {
            assert_eq!(
                api::roundtrip_err_only(Err(e)),
                Err(e.to_string())
            )
        });
        balanced(|| {
            assert_eq!(
                api::describe_err_only(Err(e)),
                format!("err({e})")
            )
        });
    }

    for s in ["", "fine", "ökay 🦀"] {
        balanced(|| assert_eq!(api::roundtrip_both(Ok(s)), Ok(s.to_string())));
        balanced(|| assert_eq!(api::roundtrip_both(Err(s)), Err(s.to_string())));
        balanced(|| assert_eq!(api::describe_both(Ok(s)), format!("ok({s})")));
        balanced(|| assert_eq!(api::describe_both(Err(s)), format!("err({s})")));
    }
}

fn made_by_test() {
    balanced(|| assert_eq!(api::succeed_if(true), Ok(())));
    balanced(|| assert_eq!(api::succeed_if(false), Err(())));
    balanced(|| assert_eq!(api::checked_div(7, 2), Ok(3)));
    balanced(|| assert_eq!(api::checked_div(u32::MAX, 1), Ok(u32::MAX)));
    balanced(|| assert_eq!(api::checked_div(7, 0), Err(())));
    balanced(|| assert_eq!(api::validate("x"), Ok(())));
    balanced(|| assert_eq!(api::validate(""), Err("empty input".to_string())));
    balanced(|| assert_eq!(api::parse_u32("4294967295"), Ok(u32::MAX)));
    balanced(|| assert_eq!(api::parse_u32("0"), Ok(0)));
    balanced(|| {
        assert_eq!(
            api::parse_u32("-1"),
            Err("cannot parse \"-1\": invalid digit found in string".to_string())
        )
    });
    balanced(|| {
        assert_eq!(
            api::parse_u32(""),
            Err("cannot parse \"\": cannot parse integer from empty string".to_string())
        )
    });
    balanced(|| assert_eq!(api::greet("wörld"), Ok("hello, wörld".to_string())));
    balanced(|| assert_eq!(api::greet(""), Err("no name".to_string())));
}

fn nested() {
    let shapes: [Result<Option<String>, Vec<u8>>; 6] = [
        Ok(None),
        Ok(Some(String::new())),
        Ok(Some("nested ☃".to_string())),
        Err(Vec::new()),
        Err(vec![0, 1, 255]),
        Err((0..=255).collect()),
    ];
    for x in &shapes {
        // Passed borrowing at the top: `Result<Option<&str>, &[u8]>`.
        let borrowed = x.as_ref().map(|o| o.as_deref()).map_err(|e| e.as_slice());
        balanced(|| assert_eq!(api::roundtrip_nested(borrowed), *x));
    }
    balanced(|| assert_eq!(api::make_nested(0), Ok(None)));
    balanced(|| assert_eq!(api::make_nested(1), Ok(Some("some".to_string()))));
    balanced(|| assert_eq!(api::make_nested(2), Err(Vec::new())));
    balanced(|| assert_eq!(api::make_nested(5), Err(vec![0, 1, 2, 3, 4])));
    balanced(|| {
        assert_eq!(
            api::make_nested(300),
            Err((0..300u32).map(|i| i as u8).collect())
        )
    });

    let results_of_results: [Result<Result<u8, String>, u64>; 5] = [
        Ok(Ok(0)),
        Ok(Ok(255)),
        Ok(Err(String::new())),
        Ok(Err("inner érr".to_string())),
        Err(u64::MAX),
    ];
    for x in &results_of_results {
        let borrowed = x.as_ref().map(|r| r.as_ref().map(|v| *v).map_err(|e| e.as_str())).map_err(|e| *e);
        balanced(|| assert_eq!(api::roundtrip_result_of_result(borrowed), *x));
    }

    for x in [
        Ok(1.5f32),
        Ok(f32::MAX),
        Err(0u64),
        Err(u64::MAX),
        Err(0x1_0000_0000),
    ] {
        balanced(|| assert_eq!(api::roundtrip_joined(x), x));
    }
    balanced(|| match api::roundtrip_joined(Ok(-0.0)) {
        Ok(f) => assert_eq!(f.to_bits(), 0x8000_0000),
        Err(e) => panic!("expected ok, got err({e})"),
    });
    balanced(|| match api::roundtrip_joined(Ok(f32::NAN)) {
        Ok(f) => assert!(f.is_nan()),
        Err(e) => panic!("expected ok, got err({e})"),
    });
}

fn lists() {
    balanced(|| assert_eq!(api::roundtrip_list(&[]), Vec::<Result<u32, String>>::new()));
    let list: Vec<Result<u32, String>> = vec![
        Ok(1),
        Err("a".to_string()),
        Ok(u32::MAX),
        Err(String::new()),
        Err("🦀".to_string()),
        Ok(0),
    ];
    balanced(|| assert_eq!(api::roundtrip_list(&list), list));
    balanced(|| {
        assert_eq!(
            api::split_list(&list),
            (u64::from(u32::MAX) + 1, "a🦀".to_string())
        )
    });
    balanced(|| assert_eq!(api::split_list(&[]), (0, String::new())));
}

bindings::export!(Runner with_types_in bindings);

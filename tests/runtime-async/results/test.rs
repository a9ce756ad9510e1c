// Results (test side): echoes results, says which path (ok or err) and payload it received, and
// makes ok and err values of its own, so both directions are checked on their own.
mod alloc_probe;

use bindings::exports::test::results::api::Guest;

struct Component;

impl Guest for Component {
    fn roundtrip_unit(x: Result<(), ()>) -> Result<(), ()> {
        x
    }
    fn roundtrip_ok_only(x: Result<u32, ()>) -> Result<u32, ()> {
        x
    }
    fn roundtrip_err_only(x: Result<(), String>) -> Result<(), String> {
        x
    }
    fn roundtrip_both(x: Result<String, String>) -> Result<String, String> {
        x
    }
    fn describe_unit(x: Result<(), ()>) -> String {
        match x {
            Ok(()) => "ok".to_string(),
            Err(()) => "err".to_string(),
        }
    }
    fn describe_ok_only(x: Result<u32, ()>) -> String {
        match x {
            Ok(v) => format!("ok({v})"),
            Err(()) => "err".to_string(),
        }
    }
    fn describe_err_only(x: Result<(), String>) -> String {
        match x {
            Ok(()) => "ok".to_string(),
            Err(e) => format!("err({e})"),
        }
    }
    fn describe_both(x: Result<String, String>) -> String {
        match x {
            Ok(v) => format!("ok({v})"),
            Err(e) => format!("err({e})"),
        }
    }

    fn succeed_if(ok: bool) -> Result<(), ()> {
        if ok {
            Ok(())
        } else {
            Err(())
        }
    }
    fn checked_div(a: u32, b: u32) -> Result<u32, ()> {
        a.checked_div(b).ok_or(())
    }
    fn validate(s: String) -> Result<(), String> {
        if s.is_empty() {
            Err("empty input".to_string())
        } else {
            Ok(())
        }
    }
    fn parse_u32(s: String) -> Result<u32, String> {
        s.parse::<u32>()
            .map_err(|e| format!("cannot parse {s:?}: {e}"))
    }
    fn greet(name: String) -> Result<String, String> {
        if name.is_empty() {
            Err("no name".to_string())
        } else {
            Ok(format!("hello, {name}"))
        }
    }

    fn roundtrip_nested(x: Result<Option<String>, Vec<u8>>) -> Result<Option<String>, Vec<u8>> {
        x
    }
    fn make_nested(n: u32) -> Result<Option<String>, Vec<u8>> {
        match n {
            0 => Ok(None),
            1 => Ok(Some("some".to_string())),
            2 => Err(Vec::new()),
            n => Err((0..n).map(|i| i as u8).collect()),
        }
    }
    fn roundtrip_result_of_result(
        x: Result<Result<u8, String>, u64>,
    ) -> Result<Result<u8, String>, u64> {
        x
    }
    fn roundtrip_joined(x: Result<f32, u64>) -> Result<f32, u64> {
        x
    }
    fn roundtrip_list(x: Vec<Result<u32, String>>) -> Vec<Result<u32, String>> {
        x
    }
    fn split_list(x: Vec<Result<u32, String>>) -> (u64, String) {
        let mut sum = 0u64;
        let mut errs = String::new();
        for r in x {
            match r {
                Ok(v) => sum += u64::from(v),
                Err(e) => errs.push_str(&e),
            }
        }
        (sum, errs)
    }
}

impl bindings::exports::test::results::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);

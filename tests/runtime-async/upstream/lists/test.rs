// Lists (test side): checks every list and string it receives against what the runner sends,
// returns fixed lists and echoes the round trips; `allocated-bytes` reports its live
// allocations so the runner can check that the glue frees what it allocates.
mod alloc_probe;

use bindings::exports::test::lists::to_test::Guest;

struct Component;

impl Guest for Component {
    fn empty_list_param(a: Vec<u8>) {
        assert!(a.is_empty());
    }
    fn empty_string_param(a: String) {
        assert!(a.is_empty());
    }
    fn empty_list_result() -> Vec<u8> {
        Vec::new()
    }
    fn empty_string_result() -> String {
        String::new()
    }

    fn list_param(a: Vec<u8>) {
        assert_eq!(a, [1, 2, 3, 4]);
    }
    fn list_param2(a: String) {
        assert_eq!(a, "foo");
    }
    fn list_param3(a: Vec<String>) {
        assert_eq!(a, ["foo", "bar", "baz"]);
    }
    fn list_param4(a: Vec<Vec<String>>) {
        assert_eq!(a, [vec!["foo", "bar"], vec!["baz"]]);
    }
    fn list_param5(a: Vec<(u8, u32, u8)>) {
        assert_eq!(a, [(1, 2, 3), (4, 5, 6)]);
    }
    fn list_param_large(a: Vec<String>) {
        assert_eq!(a.len(), 1000);
        assert!(a.iter().all(|s| s == "string"));
    }

    fn list_result() -> Vec<u8> {
        vec![1, 2, 3, 4, 5]
    }
    fn list_result2() -> String {
        "hello!".to_string()
    }
    fn list_result3() -> Vec<String> {
        vec!["hello,".to_string(), "world!".to_string()]
    }

    fn list_minmax8(a: Vec<u8>, b: Vec<i8>) -> (Vec<u8>, Vec<i8>) {
        (a, b)
    }
    fn list_minmax16(a: Vec<u16>, b: Vec<i16>) -> (Vec<u16>, Vec<i16>) {
        (a, b)
    }
    fn list_minmax32(a: Vec<u32>, b: Vec<i32>) -> (Vec<u32>, Vec<i32>) {
        (a, b)
    }
    fn list_minmax64(a: Vec<u64>, b: Vec<i64>) -> (Vec<u64>, Vec<i64>) {
        (a, b)
    }
    fn list_minmax_float(a: Vec<f32>, b: Vec<f64>) -> (Vec<f32>, Vec<f64>) {
        (a, b)
    }

    fn list_roundtrip(a: Vec<u8>) -> Vec<u8> {
        a
    }
    fn string_roundtrip(a: String) -> String {
        a
    }
    fn wasi_http_headers_roundtrip(a: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
        a
    }

    fn allocated_bytes() -> u32 {
        alloc_probe::live().try_into().unwrap()
    }
}

bindings::export!(Component with_types_in bindings);

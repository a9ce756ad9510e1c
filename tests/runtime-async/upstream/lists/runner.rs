// Lists (runner side): empty lists and strings as parameters and results, lists of u8, strings,
// nested lists of strings, tuples with padding, 1000 strings, every integer width at its limits,
// floats (extremes and infinities, bit for bit), round trips of bytes and strings, and HTTP-like
// header lists. Every call leaves both components with as many live allocations as before.
mod alloc_probe;

use bindings::test::lists::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let whole = Guard::new();
        empty();
        params();
        results();
        roundtrips();
        minmax();
        headers();
        whole.check();
    }
}

/// Live allocations of this runner and of the test component (its `allocated-bytes`) when made.
struct Guard {
    mine: i64,
    theirs: u32,
}

impl Guard {
    fn new() -> Guard {
        Guard {
            mine: alloc_probe::live(),
            theirs: allocated_bytes(),
        }
    }

    #[track_caller]
    fn check(self) {
        assert_eq!(
            alloc_probe::live(),
            self.mine,
            "live allocations in the runner"
        );
        assert_eq!(
            allocated_bytes(),
            self.theirs,
            "live allocations in the test component"
        );
    }
}

/// Runs `f` between two allocation counts; `f` drops everything it received.
#[track_caller]
fn balanced(f: impl FnOnce()) {
    let guard = Guard::new();
    f();
    guard.check();
}

fn empty() {
    balanced(|| empty_list_param(&[]));
    balanced(|| empty_string_param(""));
    balanced(|| assert!(empty_list_result().is_empty()));
    balanced(|| assert!(empty_string_result().is_empty()));
}

fn params() {
    balanced(|| list_param(&[1, 2, 3, 4]));
    balanced(|| list_param2("foo"));
    balanced(|| list_param3(&["foo".to_owned(), "bar".to_owned(), "baz".to_owned()]));
    balanced(|| {
        list_param4(&[
            vec!["foo".to_owned(), "bar".to_owned()],
            vec!["baz".to_owned()],
        ])
    });
    balanced(|| list_param5(&[(1, 2, 3), (4, 5, 6)]));
    balanced(|| {
        let large: Vec<String> = (0..1000).map(|_| "string".to_string()).collect();
        list_param_large(&large);
    });
}

fn results() {
    balanced(|| assert_eq!(list_result(), [1, 2, 3, 4, 5]));
    balanced(|| assert_eq!(list_result2(), "hello!"));
    balanced(|| assert_eq!(list_result3(), ["hello,", "world!"]));
}

fn roundtrips() {
    balanced(|| assert_eq!(list_roundtrip(&[]), Vec::<u8>::new()));
    balanced(|| assert_eq!(list_roundtrip(b"x"), b"x"));
    balanced(|| assert_eq!(list_roundtrip(b"hello"), b"hello"));
    balanced(|| {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(list_roundtrip(&all), all);
    });
    balanced(|| assert_eq!(string_roundtrip("x"), "x"));
    balanced(|| assert_eq!(string_roundtrip(""), ""));
    balanced(|| assert_eq!(string_roundtrip("hello"), "hello"));
    balanced(|| assert_eq!(string_roundtrip("hello ⚑ world"), "hello ⚑ world"));
    balanced(|| assert_eq!(string_roundtrip("é🦀\u{0}\u{ffff}"), "é🦀\u{0}\u{ffff}"));
}

fn minmax() {
    balanced(|| {
        assert_eq!(
            list_minmax8(&[u8::MIN, u8::MAX], &[i8::MIN, i8::MAX]),
            (vec![u8::MIN, u8::MAX], vec![i8::MIN, i8::MAX])
        )
    });
    balanced(|| {
        assert_eq!(
            list_minmax8(&[0x80, 0x7f, 1], &[-1, 0, 1]),
            (vec![0x80, 0x7f, 1], vec![-1, 0, 1])
        )
    });
    balanced(|| {
        assert_eq!(
            list_minmax16(&[u16::MIN, u16::MAX], &[i16::MIN, i16::MAX]),
            (vec![u16::MIN, u16::MAX], vec![i16::MIN, i16::MAX])
        )
    });
    balanced(|| {
        assert_eq!(
            list_minmax32(&[u32::MIN, u32::MAX], &[i32::MIN, i32::MAX]),
            (vec![u32::MIN, u32::MAX], vec![i32::MIN, i32::MAX])
        )
    });
    balanced(|| {
        assert_eq!(
            list_minmax64(&[u64::MIN, u64::MAX], &[i64::MIN, i64::MAX]),
            (vec![u64::MIN, u64::MAX], vec![i64::MIN, i64::MAX])
        )
    });
    // Lists of different lengths in one call.
    balanced(|| {
        assert_eq!(
            list_minmax64(&[], &[i64::MIN, -1, 0, 1, i64::MAX]),
            (vec![], vec![i64::MIN, -1, 0, 1, i64::MAX])
        )
    });
    balanced(|| {
        let f32s = [
            f32::MIN,
            f32::MAX,
            f32::NEG_INFINITY,
            f32::INFINITY,
            -0.0,
            f32::from_bits(1),
        ];
        let f64s = [
            f64::MIN,
            f64::MAX,
            f64::NEG_INFINITY,
            f64::INFINITY,
            -0.0,
            f64::from_bits(1),
        ];
        let (a, b) = list_minmax_float(&f32s, &f64s);
        let bits32 = |l: &[f32]| l.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        let bits64 = |l: &[f64]| l.iter().map(|f| f.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits32(&a), bits32(&f32s));
        assert_eq!(bits64(&b), bits64(&f64s));
    });
}

fn headers() {
    balanced(|| {
        let headers = vec![
            ("Content-Type".to_owned(), b"text/plain".to_vec()),
            (
                "Content-Length".to_owned(),
                "Not found".len().to_string().into_bytes(),
            ),
        ];
        let result = wasi_http_headers_roundtrip(&headers);
        assert_eq!(result.len(), 2);
        assert_eq!(result[0].0, "Content-Type");
        assert_eq!(result[0].1, b"text/plain");
        assert_eq!(result[1].0, "Content-Length");
        assert_eq!(result[1].1, b"9");
        assert_eq!(result, headers);
    });
    balanced(|| assert_eq!(wasi_http_headers_roundtrip(&[]), vec![]));
    balanced(|| {
        let headers = vec![("".to_owned(), vec![]), ("x-empty".to_owned(), vec![])];
        assert_eq!(wasi_http_headers_roundtrip(&headers), headers);
    });
}

bindings::export!(Runner with_types_in bindings);

//@ wasmtime-flags = "-W component-model-map"
// Maps (runner side): `map<K, V>` as a vector of entries, in order. Named and inline maps, maps of
// byte lists and of options, empty, single-entry and 100-entry maps, maps inside a record, a
// variant, a result, a tuple and another map, and two maps in one call; the test component
// checks what it receives and inverts some. Every call leaves the runner with as many live
// allocations as before.
mod alloc_probe;

use bindings::test::maps::to_test::*;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        balanced(named);
        balanced(bytes);
        balanced(empty);
        balanced(options);
        balanced(record);
        balanced(inline);
        balanced(large);
        balanced(multi_param);
        balanced(nested);
        balanced(variant);
        balanced(result);
        balanced(tuple);
        balanced(single_entry);
    }
}

/// Runs `f` and asserts that the runner freed everything the calls allocated.
fn balanced(f: fn()) {
    let before = alloc_probe::live();
    f();
    assert_eq!(
        alloc_probe::live(),
        before,
        "live allocations in the runner"
    );
}

/// The value of the first entry with key `k`, as a map lookup would find it.
fn get<'a, K: PartialEq + ?Sized, KO: std::borrow::Borrow<K>, V>(
    m: &'a [(KO, V)],
    k: &K,
) -> Option<&'a V> {
    m.iter().find(|(key, _)| key.borrow() == k).map(|(_, v)| v)
}

fn named() {
    // A map is a list of entries here: the runner sends each key once (1 named "uno").
    let input: NamesById = vec![(1, "uno".to_string()), (2, "two".to_string())];
    let ids_by_name = named_roundtrip(input);
    assert_eq!(
        ids_by_name,
        vec![("uno".to_string(), 1), ("two".to_string(), 2)]
    );
    assert_eq!(get(&ids_by_name, "uno"), Some(&1));
    assert_eq!(get(&ids_by_name, "two"), Some(&2));
    assert_eq!(get(&ids_by_name, "one"), None);
}

fn bytes() {
    let input: BytesByName = vec![
        ("hello".to_string(), b"world".to_vec()),
        ("bin".to_string(), vec![0, 1, 2]),
    ];
    let out = bytes_roundtrip(input.clone());
    assert_eq!(out, input);
    assert_eq!(
        get(&out, "hello").map(Vec::as_slice),
        Some(b"world".as_slice())
    );
    assert_eq!(
        get(&out, "bin").map(Vec::as_slice),
        Some([0u8, 1, 2].as_slice())
    );
}

fn empty() {
    assert!(empty_roundtrip(Vec::new()).is_empty());
}

fn options() {
    let input = vec![("some".to_string(), Some(42)), ("none".to_string(), None)];
    let out = option_roundtrip(input.clone());
    assert_eq!(out.len(), 2);
    assert_eq!(get(&out, "some"), Some(&Some(42)));
    assert_eq!(get(&out, "none"), Some(&None));
    assert_eq!(out, input);
}

fn record() {
    let entry = LabeledEntry {
        label: "test-label".to_string(),
        values: vec![(10, "ten".to_string()), (20, "twenty".to_string())],
    };
    let out = record_roundtrip(&entry);
    assert_eq!(out.label, "test-label");
    assert_eq!(out.values.len(), 2);
    assert_eq!(get(&out.values, &10).map(String::as_str), Some("ten"));
    assert_eq!(get(&out.values, &20).map(String::as_str), Some("twenty"));
    assert_eq!(out, entry);
}

fn inline() {
    let out = inline_roundtrip(vec![(1, "one".to_string()), (2, "two".to_string())]);
    assert_eq!(out.len(), 2);
    assert_eq!(get(&out, "one"), Some(&1));
    assert_eq!(get(&out, "two"), Some(&2));
}

fn large() {
    let input: NamesById = (0..100).map(|i| (i, format!("value-{i}"))).collect();
    let out = large_roundtrip(input.clone());
    assert_eq!(out.len(), 100);
    for i in 0..100 {
        assert_eq!(
            get(&out, &i).map(String::as_str),
            Some(format!("value-{i}").as_str())
        );
    }
    assert_eq!(out, input);
}

fn multi_param() {
    let names: NamesById = vec![(1, "one".to_string()), (2, "two".to_string())];
    let bytes: BytesByName = vec![("key".to_string(), vec![42])];
    let (ids, bytes_out) = multi_param_roundtrip(names, bytes.clone());
    assert_eq!(ids.len(), 2);
    assert_eq!(get(&ids, "one"), Some(&1));
    assert_eq!(get(&ids, "two"), Some(&2));
    assert_eq!(bytes_out, bytes);
}

fn nested() {
    let outer = vec![
        (
            "group-a".to_string(),
            vec![(1, "one".to_string()), (2, "two".to_string())],
        ),
        ("group-b".to_string(), vec![(10, "ten".to_string())]),
    ];
    let out = nested_roundtrip(outer.clone());
    assert_eq!(out.len(), 2);
    let a = get(&out, "group-a").unwrap();
    assert_eq!(get(a, &1).map(String::as_str), Some("one"));
    assert_eq!(get(a, &2).map(String::as_str), Some("two"));
    let b = get(&out, "group-b").unwrap();
    assert_eq!(get(b, &10).map(String::as_str), Some("ten"));
    assert_eq!(out, outer);
}

fn variant() {
    match variant_roundtrip(&MapOrString::AsMap(vec![(1, "one".to_string())])) {
        MapOrString::AsMap(m) => assert_eq!(get(&m, &1).map(String::as_str), Some("one")),
        MapOrString::AsString(s) => panic!("expected AsMap, got AsString({s:?})"),
    }
    match variant_roundtrip(&MapOrString::AsString("hello".to_string())) {
        MapOrString::AsString(s) => assert_eq!(s, "hello"),
        MapOrString::AsMap(m) => panic!("expected AsString, got AsMap({m:?})"),
    }
    assert_eq!(
        variant_roundtrip(&MapOrString::AsMap(vec![])),
        MapOrString::AsMap(vec![])
    );
}

fn result() {
    match result_roundtrip(Ok(vec![(5, "five".to_string())])) {
        Ok(m) => assert_eq!(get(&m, &5).map(String::as_str), Some("five")),
        Err(e) => panic!("expected Ok, got Err({e:?})"),
    }
    match result_roundtrip(Err("bad input")) {
        Err(e) => assert_eq!(e, "bad input"),
        Ok(m) => panic!("expected Err, got Ok({m:?})"),
    }
}

fn tuple() {
    let (m, n) = tuple_roundtrip((vec![(7, "seven".to_string())], 42));
    assert_eq!(m.len(), 1);
    assert_eq!(get(&m, &7).map(String::as_str), Some("seven"));
    assert_eq!(n, 42);
}

fn single_entry() {
    let out = single_entry_roundtrip(vec![(99, "ninety-nine".to_string())]);
    assert_eq!(out, vec![(99, "ninety-nine".to_string())]);
}

bindings::export!(Runner with_types_in bindings);

// Maps (test side): checks the maps it receives (vectors of entries, in order), echoes them or
// inverts them into name → id maps.
use bindings::exports::test::maps::to_test::{
    BytesByName, Guest, IdsByName, LabeledEntry, MapOrString, NamesById,
};

struct Component;

/// The value of the first entry with key `k`.
fn get<'a, K: PartialEq + ?Sized, KO: std::borrow::Borrow<K>, V>(
    m: &'a [(KO, V)],
    k: &K,
) -> Option<&'a V> {
    m.iter().find(|(key, _)| key.borrow() == k).map(|(_, v)| v)
}

fn invert(m: NamesById) -> IdsByName {
    m.into_iter().map(|(id, name)| (name, id)).collect()
}

impl Guest for Component {
    fn named_roundtrip(a: NamesById) -> IdsByName {
        assert_eq!(get(&a, &1).map(String::as_str), Some("uno"));
        assert_eq!(get(&a, &2).map(String::as_str), Some("two"));
        invert(a)
    }

    fn bytes_roundtrip(a: BytesByName) -> BytesByName {
        assert_eq!(
            get(&a, "hello").map(Vec::as_slice),
            Some(b"world".as_slice())
        );
        assert_eq!(
            get(&a, "bin").map(Vec::as_slice),
            Some([0u8, 1, 2].as_slice())
        );
        a
    }

    fn empty_roundtrip(a: NamesById) -> NamesById {
        assert!(a.is_empty());
        a
    }

    fn option_roundtrip(a: Vec<(String, Option<u32>)>) -> Vec<(String, Option<u32>)> {
        assert_eq!(get(&a, "some"), Some(&Some(42)));
        assert_eq!(get(&a, "none"), Some(&None));
        a
    }

    fn record_roundtrip(a: LabeledEntry) -> LabeledEntry {
        assert_eq!(a.label, "test-label");
        assert_eq!(a.values.len(), 2);
        assert_eq!(get(&a.values, &10).map(String::as_str), Some("ten"));
        assert_eq!(get(&a.values, &20).map(String::as_str), Some("twenty"));
        a
    }

    fn inline_roundtrip(a: Vec<(u32, String)>) -> Vec<(String, u32)> {
        invert(a)
    }

    fn large_roundtrip(a: NamesById) -> NamesById {
        a
    }

    fn multi_param_roundtrip(a: NamesById, b: BytesByName) -> (IdsByName, BytesByName) {
        assert_eq!(a.len(), 2);
        assert_eq!(b.len(), 1);
        (invert(a), b)
    }

    fn nested_roundtrip(a: Vec<(String, Vec<(u32, String)>)>) -> Vec<(String, Vec<(u32, String)>)> {
        assert_eq!(a.len(), 2);
        let group_a = get(&a, "group-a").unwrap();
        assert_eq!(get(group_a, &1).map(String::as_str), Some("one"));
        assert_eq!(get(group_a, &2).map(String::as_str), Some("two"));
        let group_b = get(&a, "group-b").unwrap();
        assert_eq!(get(group_b, &10).map(String::as_str), Some("ten"));
        a
    }

    fn variant_roundtrip(a: MapOrString) -> MapOrString {
        a
    }

    fn result_roundtrip(a: Result<NamesById, String>) -> Result<NamesById, String> {
        a
    }

    fn tuple_roundtrip(a: (NamesById, u64)) -> (NamesById, u64) {
        assert_eq!(a.0.len(), 1);
        assert_eq!(get(&a.0, &7).map(String::as_str), Some("seven"));
        assert_eq!(a.1, 42);
        a
    }

    fn single_entry_roundtrip(a: NamesById) -> NamesById {
        assert_eq!(a.len(), 1);
        a
    }
}

bindings::export!(Component with_types_in bindings);

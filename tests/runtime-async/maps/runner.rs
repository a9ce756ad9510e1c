//@ wasmtime-flags = "-W component-model-map"
// Sends maps and receives them back, checking every key and value.
use bindings::test::maps::api::{self, Entry};
use bindings::test::maps::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = live_allocations();
        let m = vec![("one".to_string(), 1), ("zwö".to_string(), 2)];
        assert_eq!(api::invert(m), vec![(1, "one".to_string()), (2, "zwö".to_string())]);
        assert!(api::invert(Vec::new()).is_empty());
        let a = Entry { id: 1, tags: vec![("x".into(), vec![1, 2])] };
        let b = Entry { id: 2, tags: vec![("y".into(), vec![]), ("z".into(), vec![9])] };
        let merged = api::merge(&a, &b);
        assert_eq!(merged.id, 3);
        assert_eq!(
            merged.tags,
            vec![("x".to_string(), vec![1, 2]), ("y".to_string(), vec![]), ("z".to_string(), vec![9])]
        );
        let m = vec![(7, Some("seven".to_string())), (8, None)];
        assert_eq!(api::lookup(m.clone(), 7), Some(Some("seven".to_string())));
        assert_eq!(api::lookup(m.clone(), 8), Some(None));
        assert_eq!(api::lookup(m, 9), None);
        assert_eq!(live_allocations(), before);
    }
}

bindings::export!(Runner with_types_in bindings);

//@ wasmtime-flags = "-W component-model-fixed-length-lists"
// Round-trips fixed-length lists and checks every element lands in place.
use bindings::test::fixed_lists::api::{self, Grid};
use bindings::test::fixed_lists::probe::live_allocations;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = live_allocations();
        assert_eq!(api::reverse4([1, 2, 3, u32::MAX]), [u32::MAX, 3, 2, 1]);
        assert_eq!(
            api::names(["a".into(), "bé".into(), String::new()]),
            ["A".to_string(), "BÉ".to_string(), String::new()]
        );
        let g = Grid { cells: [[1, 2, 3], [4, 5, 6]], name: "g".into() };
        assert_eq!(api::transpose(&g), Grid { cells: [[4, 5, 6], [1, 2, 3]], name: "g'".into() });
        assert_eq!(live_allocations(), before);
    }
}

bindings::export!(Runner with_types_in bindings);

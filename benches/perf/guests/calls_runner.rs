//! The calling side of the sync calls benchmark (world `runner` of benches/perf/wit.rs
//! `CALLS`): one source for both generators (each crate's `lib.rs` holds what differs). The
//! host times each export; every export checks the answers, so a fast but wrong call fails
//! instead of being measured.
use crate::bindings::bench::calls::api::{self, Counter, Item};

struct Runner;

impl crate::bindings::Guest for Runner {
    fn run() {
        assert_eq!(Runner::echoes(3, 16), 48);
        assert_eq!(Runner::sums(2, 4), 12);
        assert_eq!(Runner::swaps(2), 2 * (7 + 16));
        assert_eq!(Runner::adds(5), 5);
        let back = crate::swap(&item());
        assert_eq!(back.name, "dnibtiw");
        assert_eq!(back.values[0], 15);
    }

    fn echoes(count: u32, len: u32) -> u64 {
        let text = "x".repeat(len as usize);
        let mut total = 0;
        for _ in 0..count {
            let back = api::echo(&text);
            assert_eq!(back.len(), text.len());
            total += back.len() as u64;
        }
        total
    }

    fn sums(count: u32, len: u32) -> u64 {
        let xs: Vec<u32> = (0..len).collect();
        let expected = u64::from(len) * u64::from(len.saturating_sub(1)) / 2;
        let mut total = 0;
        for _ in 0..count {
            let sum = api::sum(&xs);
            assert_eq!(sum, expected);
            total += sum;
        }
        total
    }

    fn swaps(count: u32) -> u64 {
        let item = item();
        let mut total = 0;
        for _ in 0..count {
            let back = crate::swap(&item);
            assert_eq!(back.values[0], 15);
            total += (back.name.len() + back.values.len()) as u64;
        }
        total
    }

    fn adds(count: u32) -> u64 {
        let counter = Counter::new(0);
        let mut last = 0;
        for _ in 0..count {
            last = counter.add(1);
        }
        u64::from(last)
    }
}

fn item() -> Item {
    Item {
        name: "witbind".to_string(),
        values: (0..16).collect(),
    }
}

crate::bindings::export!(Runner with_types_in crate::bindings);

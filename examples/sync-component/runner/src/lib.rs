//! The test driver of the `sync-component` example: imports `stock`, calls every function and
//! checks the answers (a failed `assert!` traps, which fails the run).

// Invoked in a module: the bindings live in `bindings`, and `export!` is told so. Two of
// wit-bindgen's Rust options, under its names: `item` is both passed to `add` and returned by
// `items`, so `ownership: Borrowing { duplicate_if_necessary: true }` defines it twice,
// `ItemParam<'a>` (borrowing its name: built here from a literal) and `ItemResult`; and
// `additional_derives` lets results go into a `HashSet`.
mod bindings {
    witbind_rt::generate!({
        world: "runner",
        path: "../wit",
        ownership: Borrowing { duplicate_if_necessary: true },
        additional_derives: [Eq, Hash],
    });
}

use std::collections::HashSet;

use bindings::example::inventory::stock::{checksum, in_stock, Inventory, ItemParam, ItemResult};

struct Runner;

fn item(name: &str, count: u32) -> ItemParam<'_> {
    ItemParam { name, count }
}

fn owned(name: &str, count: u32) -> ItemResult {
    ItemResult {
        name: name.to_string(),
        count,
    }
}

impl bindings::Guest for Runner {
    fn run() {
        let pantry = Inventory::new("pantry");
        assert_eq!(pantry.owner(), "pantry");
        assert_eq!(pantry.total(), 0);
        assert!(pantry.items().is_empty());

        pantry.add(&[item("rice", 3), item("beans", 10), item("rice", 2)]);
        assert_eq!(pantry.items(), vec![owned("beans", 10), owned("rice", 5)]);
        let distinct: HashSet<ItemResult> = pantry.items().into_iter().collect();
        assert!(distinct.contains(&owned("rice", 5)));
        assert_eq!(pantry.total(), 15);

        assert_eq!(pantry.take("rice", 4), Ok(1));
        assert_eq!(pantry.take("rice", 2), Err("only 1 rice".to_string()));
        assert_eq!(pantry.take("salt", 1), Err("no salt".to_string()));
        assert_eq!(in_stock(&pantry, 2), vec!["beans".to_string()]);
        assert_eq!(
            in_stock(&pantry, 1),
            vec!["beans".to_string(), "rice".to_string()]
        );

        let cellar = Inventory::new("cellar");
        cellar.add(&[item("wine", 6), item("beans", 1)]);
        let merged = Inventory::merge(&pantry, &cellar);
        assert_eq!(merged.owner(), "pantry+cellar");
        assert_eq!(
            merged.items(),
            vec![owned("beans", 11), owned("rice", 1), owned("wine", 6)]
        );
        assert_eq!(merged.total(), 18);
        // The sources are unchanged: merging borrowed them.
        assert_eq!(pantry.total(), 11);
        assert_eq!(cellar.total(), 7);

        assert_eq!(checksum(b""), 1);
        assert_eq!(checksum(b"Wikipedia"), 0x11E6_0398);
        let big: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        assert_eq!(checksum(&big), adler32(&big));
    }
}

/// The reference the component's checksum is compared with.
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

bindings::export!(Runner with_types_in bindings);

//! The test driver of the `sync-component` example: imports `stock`, calls every function and
//! checks the answers (a failed `assert!` traps, which fails the run).

// Invoked in a module: the bindings live in `bindings`, and `export!` is told so.
mod bindings {
    witbind_rt::generate!({
        world: "runner",
        path: "../wit",
    });
}

use bindings::example::inventory::stock::{checksum, in_stock, Inventory, Item};

struct Runner;

fn item(name: &str, count: u32) -> Item {
    Item {
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
        assert_eq!(pantry.items(), vec![item("beans", 10), item("rice", 5)]);
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
            vec![item("beans", 11), item("rice", 1), item("wine", 6)]
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

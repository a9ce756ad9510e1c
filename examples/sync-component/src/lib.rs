//! A synchronous component with a resource and lists, its bindings generated in place by
//! `witbind_rt::generate!`.
//!
//! Build with `cargo build --target wasm32-wasip2`: the `.wasm` is a component exporting
//! `example:inventory/stock`.

use std::cell::RefCell;
use std::collections::BTreeMap;

// Invoked at the crate root: the bindings are items of this module, so `export!` below needs no
// path.
witbind_rt::generate!({
    world: "component",
    path: "wit",
});

use exports::example::inventory::stock::{Guest, GuestInventory, Inventory, InventoryBorrow, Item};

struct Component;

/// The implementation of the `inventory` resource.
struct MyInventory {
    owner: String,
    items: RefCell<BTreeMap<String, u32>>,
}

impl GuestInventory for MyInventory {
    fn new(owner: String) -> Self {
        MyInventory {
            owner,
            items: RefCell::new(BTreeMap::new()),
        }
    }

    fn owner(&self) -> String {
        self.owner.clone()
    }

    fn add(&self, items: Vec<Item>) {
        let mut stock = self.items.borrow_mut();
        for item in items {
            *stock.entry(item.name).or_default() += item.count;
        }
    }

    fn take(&self, name: String, count: u32) -> Result<u32, String> {
        let mut stock = self.items.borrow_mut();
        let have = stock.get_mut(&name).ok_or(format!("no {name}"))?;
        if *have < count {
            return Err(format!("only {have} {name}"));
        }
        *have -= count;
        Ok(*have)
    }

    fn items(&self) -> Vec<Item> {
        self.items
            .borrow()
            .iter()
            .map(|(name, count)| Item {
                name: name.clone(),
                count: *count,
            })
            .collect()
    }

    fn total(&self) -> u64 {
        self.items.borrow().values().map(|c| u64::from(*c)).sum()
    }

    fn merge(a: InventoryBorrow<'_>, b: InventoryBorrow<'_>) -> Inventory {
        let (a, b) = (a.get::<MyInventory>(), b.get::<MyInventory>());
        let merged = MyInventory::new(format!("{}+{}", a.owner, b.owner));
        merged.add(a.items());
        merged.add(b.items());
        Inventory::new(merged)
    }
}

impl Guest for Component {
    type Inventory = MyInventory;

    fn in_stock(inv: InventoryBorrow<'_>, min: u32) -> Vec<String> {
        let inv = inv.get::<MyInventory>();
        let items = inv.items.borrow();
        items
            .iter()
            .filter(|(_, count)| **count >= min)
            .map(|(name, _)| name.clone())
            .collect()
    }

    fn checksum(data: Vec<u8>) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for byte in data {
            a = (a + u32::from(byte)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
}

export!(Component);

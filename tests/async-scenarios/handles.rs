//! Counting the handles in this component's table, from inside (shared by both Rust components;
//! `plan.mbt` does the same in MoonBit).
//!
//! The canonical ABI's table hands out a freed index before growing, and grows by one index at
//! a time from 1 (`Table.add`). So new handles that end with one past the table's end (an index
//! above any the table ever had) have used up every free index: then the largest of them is
//! their number plus the number of handles held by anyone else. Counting is creating waitable
//! sets (one handle each) until one gets an index above any this count saw before (and above
//! [`SPARE`], more than the scenarios hold at once), then dropping them again. Each count grows
//! the table by one.

use std::cell::Cell;

/// An index above any the scenarios' own handles reach.
const SPARE: u32 = 128;

#[link(wasm_import_module = "$root")]
extern "C" {
    #[link_name = "[waitable-set-new]"]
    fn waitable_set_new() -> i32;
    #[link_name = "[waitable-set-drop]"]
    fn waitable_set_drop(set: i32);
}

struct Largest(Cell<u32>);

// SAFETY: a component instance runs on one thread.
unsafe impl Sync for Largest {}

/// The largest index a count got.
static LARGEST: Largest = Largest(Cell::new(SPARE));

/// The handles in the table other than the count's own.
pub fn live() -> u32 {
    let mut sets = Vec::new();
    loop {
        // SAFETY: creates a waitable set this count owns.
        let set = unsafe { waitable_set_new() } as u32;
        sets.push(set);
        if set > LARGEST.0.get() {
            break;
        }
    }
    let largest = *sets.last().expect("one set at least");
    LARGEST.0.set(largest);
    let count = sets.len() as u32;
    for set in sets {
        // SAFETY: the count's own set, empty, dropped once.
        unsafe { waitable_set_drop(set as i32) };
    }
    largest - count
}

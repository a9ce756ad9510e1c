//! The crate root of the sync calls benchmark's runner with witbind's bindings; the work is
//! in `calls_runner.rs`.
mod bindings;
mod runner;

use bindings::bench::calls::api::{self, Item};

/// One `swap` call: witbind borrows records, as wit-bindgen does.
fn swap(item: &Item) -> Item {
    api::swap(item)
}

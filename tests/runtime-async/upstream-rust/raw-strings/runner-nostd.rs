//@ args = '--std-feature --raw-strings'

// Raw strings in a `#![no_std]` runner (upstream's `runner-nostd.rs`): with `--std-feature`
// (accepted; witbind's bindings never need `std`) the bindings build on `core` and `alloc`;
// `foo` takes `&[u8]`, `bar` returns `Vec<u8>`, and what the calls allocate is freed.
#![no_std]

extern crate alloc;

mod no_std_guest;

use alloc::vec::Vec;

struct Runner;

impl bindings::Guest for Runner {
    fn run() {
        let before = no_std_guest::live();
        bindings::cat::foo(b"hello");
        bindings::cat::foo("h\u{e9}llo \u{1f600}".as_bytes());
        let world: Vec<u8> = bindings::cat::bar();
        assert_eq!(world, b"world");
        let again: Vec<u8> = bindings::cat::bar();
        assert_eq!(core::str::from_utf8(&again), Ok("w\u{f6}rld"));
        drop((world, again));
        assert_eq!(no_std_guest::live(), before, "the runner leaked");
    }
}

bindings::export!(Runner with_types_in bindings);

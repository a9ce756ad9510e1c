//! Counts live heap allocations, so that runtime cases can check that generated glue frees
//! everything it allocates (and frees nothing twice).
//!
//! Copied into every guest crate of a runtime case as `src/alloc_probe.rs`; a crate that declares
//! `mod alloc_probe;` gets this allocator as its `#[global_allocator]`. `alloc` (and
//! `alloc_zeroed`) add one, `dealloc` removes one, `realloc` moves an allocation and leaves the
//! count unchanged. Failed allocations are not counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicI64, Ordering};

/// Wasm guests are single-threaded; atomics keep this sound (and free of `static mut`) anyway.
static LIVE: AtomicI64 = AtomicI64::new(0);

struct CountingAllocator;

// SAFETY: every call is forwarded to `System` with the same arguments; only the counter is added.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE.fetch_add(1, Ordering::SeqCst);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            LIVE.fetch_add(1, Ordering::SeqCst);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(1, Ordering::SeqCst);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Success moves the allocation; failure leaves the old one in place: one live either way.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// The number of allocations made through the global allocator and not yet freed.
pub fn live() -> i64 {
    LIVE.load(Ordering::SeqCst)
}

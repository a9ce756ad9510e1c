//! What a `#![no_std]` guest needs besides its bindings: a `#[global_allocator]` (the bindings
//! and `witbind-rt` allocate through `alloc`), a `#[panic_handler]`, and `memcmp`.
//!
//! Copied into every guest crate of a runtime case as `src/no_std_guest.rs`; a `#![no_std]`
//! crate uses it with `mod no_std_guest;`. The allocator hands out memory from pages it grows
//! with `memory.grow` and reuses only the latest allocation's space when that one is freed (a
//! test component lives for one run); like `alloc_probe`, it counts live allocations, so a case
//! can check that the glue frees what it allocates. A panic traps: without `std` there is no
//! output to print its message to.

use core::alloc::{GlobalAlloc, Layout};
use core::sync::atomic::{AtomicI64, AtomicUsize, Ordering};

const PAGE: usize = 65536;

/// The next free address, and the end of the memory grown so far.
static NEXT: AtomicUsize = AtomicUsize::new(0);
static END: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicI64 = AtomicI64::new(0);

struct BumpAllocator;

fn align_up(addr: usize, align: usize) -> usize {
    (addr + align - 1) & !(align - 1)
}

// SAFETY: blocks come from memory grown for this allocator only (nothing else in a `no_std`
// guest grows memory) and never overlap: `NEXT` only moves past a block handed out, or back to
// the start of the latest one when it is freed.
unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Wasm guests are single-threaded: plain loads and stores of the atomics suffice.
        let mut start = align_up(NEXT.load(Ordering::Relaxed), layout.align());
        if start + layout.size() > END.load(Ordering::Relaxed) {
            let pages = (layout.size() + layout.align()).div_ceil(PAGE);
            let old = core::arch::wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return core::ptr::null_mut();
            }
            // The first growth (or any after memory grew elsewhere) starts a new region.
            if old * PAGE != END.load(Ordering::Relaxed) {
                start = align_up(old * PAGE, layout.align());
            }
            END.store((old + pages) * PAGE, Ordering::Relaxed);
        }
        NEXT.store(start + layout.size(), Ordering::Relaxed);
        LIVE.fetch_add(1, Ordering::Relaxed);
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(1, Ordering::Relaxed);
        if ptr as usize + layout.size() == NEXT.load(Ordering::Relaxed) {
            NEXT.store(ptr as usize, Ordering::Relaxed);
        }
    }
}

#[global_allocator]
static ALLOCATOR: BumpAllocator = BumpAllocator;

/// The number of allocations made and not yet freed.
#[allow(dead_code)]
pub fn live() -> i64 {
    LIVE.load(Ordering::Relaxed)
}

/// `memcmp`, which compiled code calls to compare slices and strings: in a `wasm32-wasip2`
/// build with `std`, wasi-libc has it. A `no_std` crate could link wasi-libc for it
/// (`#[link(name = "c")]`), but that also brings wasi-libc's `cabi_realloc` (`realloc` of its
/// own `malloc`), which then takes the place of `witbind-rt`'s: the host would place arguments
/// with an allocator other than the one the bindings free them with. (`memcpy`, `memmove` and
/// `memset` are instructions, `memory.copy` and `memory.fill`, on this target.)
///
/// # Safety
/// `a` and `b` must be readable for `n` bytes.
#[unsafe(no_mangle)]
unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // Volatile reads: the compiler must not turn this loop into a call to `memcmp`.
        let (x, y) = unsafe { (a.add(i).read_volatile(), b.add(i).read_volatile()) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

/// `memcmp` for equality only, which the compiler may call instead.
///
/// # Safety
/// As [`memcmp`].
#[unsafe(no_mangle)]
unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    unsafe { memcmp(a, b, n) }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

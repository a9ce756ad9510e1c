//! Linear-memory helpers used by generated lifting and lowering code.

use alloc::alloc::{alloc, dealloc as free, handle_alloc_error, realloc as grow, Layout};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::any::Any;
use core::cell::RefCell;

/// Allocator behind `cabi_realloc`. A zero-size request gets a dangling, aligned pointer so that
/// empty lists never touch the heap and can be turned into `Vec`s with capacity zero.
///
/// # Safety
/// `old_ptr` must come from this function with `old_size` and `align`, or be null with size zero.
pub unsafe fn realloc(old_ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    let align = align.max(1);
    if new_size == 0 {
        if old_size != 0 {
            unsafe { free(old_ptr, Layout::from_size_align_unchecked(old_size, align)) };
        }
        return align as *mut u8;
    }
    let layout = Layout::from_size_align(new_size, align).expect("invalid allocation layout");
    let ptr = if old_size == 0 {
        unsafe { alloc(layout) }
    } else {
        let old = unsafe { Layout::from_size_align_unchecked(old_size, align) };
        unsafe { grow(old_ptr, old, new_size) }
    };
    if ptr.is_null() {
        handle_alloc_error(layout);
    }
    ptr
}

/// Frees a buffer the canonical ABI allocated through `cabi_realloc`.
///
/// # Safety
/// `ptr` must be a live allocation of `size` bytes and alignment `align` (or `size` is zero).
pub unsafe fn dealloc(ptr: *mut u8, size: usize, align: usize) {
    if size != 0 {
        unsafe { free(ptr, Layout::from_size_align_unchecked(size, align.max(1))) };
    }
}

/// Buffers allocated while lowering one call's values; freed together when dropped.
#[derive(Default)]
pub struct Cleanup {
    buffers: Vec<(*mut u8, Layout)>,
}

impl Cleanup {
    pub fn new() -> Cleanup {
        Cleanup::default()
    }

    /// Allocates `size` bytes aligned to `align` that live as long as this `Cleanup`.
    pub fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
        let align = align.max(1);
        if size == 0 {
            return align as *mut u8;
        }
        let layout = Layout::from_size_align(size, align).expect("invalid allocation layout");
        let ptr = unsafe { alloc(layout) };
        if ptr.is_null() {
            handle_alloc_error(layout);
        }
        self.buffers.push((ptr, layout));
        ptr
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for (ptr, layout) in self.buffers.drain(..) {
            unsafe { free(ptr, layout) };
        }
    }
}

/// A stack buffer for an import's spilled result, aligned for any canonical ABI value.
#[repr(C, align(8))]
pub struct RetArea<const N: usize>([u8; N]);

impl<const N: usize> RetArea<N> {
    pub fn new() -> Self {
        RetArea([0; N])
    }

    pub fn as_mut_ptr(&mut self) -> *mut u8 {
        self.0.as_mut_ptr()
    }
}

impl<const N: usize> Default for RetArea<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// What an export's spilled result points into, kept alive until the host calls post-return.
struct Pending {
    area: usize,
    _value: Box<dyn Any>,
}

struct Single<T>(RefCell<T>);
// SAFETY: component instances are single-threaded; this runtime never shares across threads.
unsafe impl<T> Sync for Single<T> {}

static PENDING: Single<Vec<Pending>> = Single(RefCell::new(Vec::new()));

/// Keeps `value` (the returned value, its lowering buffers and the return area) alive until
/// [`post_return`] is called for `area`. Strings and lists in the result point into `value`, so
/// they are never copied.
pub fn keep_until_post_return(area: *mut u8, value: Box<dyn Any>) {
    PENDING.0.borrow_mut().push(Pending {
        area: area as usize,
        _value: value,
    });
}

/// Releases what [`keep_until_post_return`] kept for `area`.
pub fn post_return(area: *mut u8) {
    let taken = {
        let mut pending = PENDING.0.borrow_mut();
        let index = pending.iter().rposition(|p| p.area == area as usize);
        index.map(|i| pending.swap_remove(i))
    };
    // Drop outside the borrow: dropping handles may call back into the runtime.
    drop(taken.expect("post-return for a result that was not returned"));
}

/// [`post_return`] as called from a `cabi_post_*` export, which receives the area as `i32`.
///
/// # Safety
/// `area` must be an area returned by an export.
pub unsafe fn post_return_ptr(area: i32) {
    post_return(area as usize as *mut u8)
}

/// Takes ownership of a list the canonical ABI allocated through `cabi_realloc`, without copying.
/// `T` must be a type whose canonical layout is its Rust layout (integers and floats).
///
/// # Safety
/// `ptr`/`len` must describe such a list allocated with `len * size_of::<T>()` bytes.
pub unsafe fn list_lift<T: Copy>(ptr: i32, len: i32) -> Vec<T> {
    let len = len as usize;
    if len == 0 {
        return Vec::new();
    }
    unsafe { Vec::from_raw_parts(ptr as usize as *mut T, len, len) }
}

/// Takes ownership of a UTF-8 string allocated through `cabi_realloc`, without copying.
///
/// # Safety
/// `ptr`/`len` must describe such an allocation holding valid UTF-8.
pub unsafe fn string_lift(ptr: i32, len: i32) -> String {
    let bytes = unsafe { list_lift::<u8>(ptr, len) };
    if cfg!(debug_assertions) {
        String::from_utf8(bytes).expect("string from the host is not UTF-8")
    } else {
        unsafe { String::from_utf8_unchecked(bytes) }
    }
}

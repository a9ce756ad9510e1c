//! Linear-memory helpers used by generated lifting and lowering code.

use alloc::alloc::{alloc, dealloc as free, handle_alloc_error, realloc as grow, Layout};
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::mem::ManuallyDrop;

use crate::resource::{Handle, OwnsHandle};

/// Allocator behind `cabi_realloc`. A zero-size request gets a dangling, aligned pointer so that
/// empty lists never touch the heap and can be turned into `Vec`s with capacity zero.
///
/// # Safety
/// `old_ptr` must come from this function with `old_size` and `align`, or be null with size zero.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub unsafe fn realloc(old_ptr: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    let align = align.max(1);
    if new_size == 0 {
        if old_size != 0 {
            unsafe { free(old_ptr, Layout::from_size_align_unchecked(old_size, align)) };
        }
        return align as *mut u8;
    }
    let Ok(layout) = Layout::from_size_align(new_size, align) else {
        invalid_layout()
    };
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

/// Out of line, and with a literal message: the allocating paths then need no stack frame for
/// formatting an error.
#[cold]
#[inline(never)]
fn invalid_layout() -> ! {
    panic!("invalid allocation layout")
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
///
/// The first buffer is kept inline because most calls that need one need one only, so they
/// make no extra allocation for bookkeeping.
///
/// It also keeps, when asked to ([`Cleanup::record_moves`]), a record of the handles given away
/// while lowering, so that values a future or stream write did not deliver get them back.
#[derive(Default)]
pub struct Cleanup {
    first: Option<(*mut u8, Layout)>,
    /// Only used once `first` is set. This and `moves` are dropped by `free_all`, so dropping
    /// a `Cleanup` is a check and at most one call.
    rest: ManuallyDrop<Vec<(*mut u8, Layout)>>,
    moves: ManuallyDrop<Option<Vec<(*const Handle, u32)>>>,
}

// SAFETY: the buffers are owned like a `Vec`'s; the recorded handle slots belong to values the
// future that owns this `Cleanup` is lowering, and a component instance runs on one thread. This
// makes an import's future, which holds its `Cleanup` across the await, `Send`.
unsafe impl Send for Cleanup {}

impl Cleanup {
    #[inline]
    pub fn new() -> Cleanup {
        Cleanup::default()
    }

    /// Allocates `size` bytes aligned to `align` that live as long as this `Cleanup`.
    pub fn alloc(&mut self, size: usize, align: usize) -> *mut u8 {
        let align = align.max(1);
        if size == 0 {
            return align as *mut u8;
        }
        let Ok(layout) = Layout::from_size_align(size, align) else {
            invalid_layout()
        };
        let ptr = unsafe { alloc(layout) };
        if ptr.is_null() {
            handle_alloc_error(layout);
        }
        if self.first.is_none() {
            self.first = Some((ptr, layout));
        } else {
            self.rest.push((ptr, layout));
        }
        ptr
    }

    /// Starts recording the handles [`give_handle`](Cleanup::give_handle) moves out of values.
    pub fn record_moves(&mut self) {
        self.moves.get_or_insert_with(Vec::new);
    }

    /// How many moves are recorded: a mark for [`restore_moves`](Cleanup::restore_moves).
    pub fn moves_len(&self) -> usize {
        self.moves.as_ref().map_or(0, Vec::len)
    }

    /// Gives away the handle `value` owns (it is lowered into a call or a buffer).
    pub fn give_handle(&mut self, value: &impl OwnsHandle) -> u32 {
        let slot = value.handle_slot();
        let handle = slot.take();
        if let Some(moves) = &mut *self.moves {
            moves.push((slot as *const Handle, handle));
        }
        handle
    }

    /// Gives back the handles recorded from mark `from` on: the values they were taken from were
    /// not delivered, so the handles are still this component's.
    ///
    /// # Safety
    /// The values the handles were taken from must not have moved or been dropped since.
    pub unsafe fn restore_moves(&mut self, from: usize) {
        if let Some(moves) = &mut *self.moves {
            let from = from.min(moves.len());
            for (slot, handle) in moves.drain(from..) {
                unsafe { (*slot).restore(handle) };
            }
        }
    }
}

impl Cleanup {
    /// Frees the buffers and drops `rest` and `moves`; called once, by `drop`.
    #[inline(never)]
    fn free_all(&mut self) {
        for (ptr, layout) in self.first.take().into_iter().chain(self.rest.drain(..)) {
            unsafe { free(ptr, layout) };
        }
        // SAFETY: dropped once, here; `drop` calls this last.
        unsafe {
            ManuallyDrop::drop(&mut self.rest);
            ManuallyDrop::drop(&mut self.moves);
        }
    }
}

impl Drop for Cleanup {
    // Inline: most generated functions never allocate, and then this folds away.
    #[inline]
    fn drop(&mut self) {
        // `rest` holds nothing unless `first` is set.
        if self.first.is_some() || self.moves.is_some() {
            self.free_all();
        }
    }
}

/// A stack buffer for an import's spilled result, aligned for any canonical ABI value. Left
/// uninitialized: the callee writes it before it is read.
#[repr(C, align(8))]
pub struct RetArea<const N: usize>([core::mem::MaybeUninit<u8>; N]);

impl<const N: usize> RetArea<N> {
    #[inline]
    pub fn new() -> Self {
        RetArea([core::mem::MaybeUninit::uninit(); N])
    }

    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut u8 {
        self.0.as_mut_ptr().cast::<u8>()
    }
}

impl<const N: usize> Default for RetArea<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// A sync export's result from its return to its post-return: the return area, first (so that
/// the block's address is the area's, which is all post-return gets), and the value whose
/// strings and lists the area points into, so they are never copied.
#[repr(C)]
pub struct Kept<T, const N: usize> {
    pub area: RetArea<N>,
    pub value: T,
}

/// A block of static memory lent to one export call at a time, from its return to its
/// post-return. A sync export's call ends with its post-return before another call of the
/// instance starts, so one is enough; when it is lent already (or too small), the heap is
/// used, so nothing depends on that.
struct Spare {
    lent: core::cell::Cell<bool>,
    bytes: core::cell::UnsafeCell<SpareBytes>,
}

/// Aligned for any canonical ABI value and for what is kept for post-return.
#[repr(C, align(16))]
struct SpareBytes([u8; SPARE_BYTES]);

// SAFETY: a component instance runs on one thread; the block is lent to one user at a time.
unsafe impl Sync for Spare {}

const SPARE_BYTES: usize = 256;

static SPARE: Spare = Spare {
    lent: core::cell::Cell::new(false),
    bytes: core::cell::UnsafeCell::new(SpareBytes([0; SPARE_BYTES])),
};

/// Moves `value` into a block that also holds the export's return area of `N` bytes, where it
/// stays until [`post_return`]: the spare block when it is free and large enough, else the
/// heap. Inlined: the sizes are constants, so only the spare block's `lent` test is left.
#[inline(always)]
pub fn keep_until_post_return<T: 'static, const N: usize>(value: T) -> &'static mut Kept<T, N> {
    let fits = core::mem::size_of::<Kept<T, N>>() <= SPARE_BYTES
        && core::mem::align_of::<Kept<T, N>>() <= core::mem::align_of::<SpareBytes>();
    let block = if fits && !SPARE.lent.get() {
        SPARE.lent.set(true);
        SPARE.bytes.get().cast::<Kept<T, N>>()
    } else {
        Box::into_raw(Box::<Kept<T, N>>::new_uninit()).cast::<Kept<T, N>>()
    };
    // SAFETY: the block is large and aligned enough for a `Kept<T, N>`, and this call's alone.
    unsafe {
        (&raw mut (*block).value).write(value);
        &mut *block
    }
}

/// Drops what [`keep_until_post_return`] kept for the return area at `area` and frees the
/// block: a sync export's post-return, which names the kept type.
///
/// # Safety
/// `area` must be the area of a block [`keep_until_post_return`] made with the same `T` and
/// `N`, not released yet.
#[inline(always)]
pub unsafe fn post_return<T, const N: usize>(area: i32) {
    let block = area as usize as *mut Kept<T, N>;
    unsafe { core::ptr::drop_in_place(&raw mut (*block).value) };
    if block.cast::<u8>() == SPARE.bytes.get().cast::<u8>() {
        SPARE.lent.set(false);
    } else {
        drop(unsafe { Box::from_raw(block.cast::<core::mem::MaybeUninit<Kept<T, N>>>()) });
    }
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

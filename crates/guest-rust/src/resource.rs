//! Resource handles (the index the host gives us) and representations (what our own exported
//! resources point at).

use alloc::boxed::Box;
use core::any::TypeId;
use core::sync::atomic::{AtomicU32, Ordering::Relaxed};

/// A handle owned by a generated resource type. Zero is never a valid handle, so it marks a
/// handle that has been given away (moved into a call) and must not be dropped again.
///
/// An atomic rather than a `Cell` so that resources, readers and writers are `Send` and `Sync`
/// (an import's future holding `&R` is then `Send`). A component instance runs on one thread,
/// and without the wasm `atomics` feature the compiler emits plain loads and stores for it.
#[derive(Debug)]
pub struct Handle(AtomicU32);

impl Handle {
    pub fn new(handle: u32) -> Handle {
        Handle(AtomicU32::new(handle))
    }

    pub fn get(&self) -> u32 {
        let h = self.0.load(Relaxed);
        assert!(h != 0, "resource handle used after it was moved");
        h
    }

    /// Gives the handle away; the owner will not drop it.
    pub fn take(&self) -> u32 {
        let h = self.get();
        self.0.store(0, Relaxed);
        h
    }

    /// Takes back a handle given away by [`take`](Handle::take) that was not delivered.
    pub fn restore(&self, handle: u32) {
        debug_assert_eq!(
            self.0.load(Relaxed),
            0,
            "restoring a handle over a live one"
        );
        self.0.store(handle, Relaxed);
    }

    /// The handle if it is still owned, for `Drop`.
    pub fn release(&self) -> Option<u32> {
        let h = self.0.swap(0, Relaxed);
        (h != 0).then_some(h)
    }
}

/// A value owning one handle that lowering gives away: resources, future and stream readers,
/// error contexts. Generated code lowers such values with [`Cleanup::give_handle`](crate::Cleanup::give_handle).
pub trait OwnsHandle {
    #[doc(hidden)]
    fn handle_slot(&self) -> &Handle;
}

/// The representation of an exported resource: the type of the user's value (checked on access,
/// without a virtual call) and how to free it, followed by the value itself ([`Rep`]). One
/// allocation per resource.
#[repr(C)]
struct RepHeader {
    type_id: TypeId,
    /// Frees the whole `Rep<T>` this header starts.
    drop: unsafe fn(*mut RepHeader),
}

#[repr(C)]
struct Rep<T> {
    header: RepHeader,
    value: Option<T>,
}

unsafe fn drop_rep<T>(rep: *mut RepHeader) {
    drop(unsafe { Box::from_raw(rep.cast::<Rep<T>>()) });
}

/// The `Rep<T>` behind `rep`, after checking that `T` is the type it was made with.
///
/// # Safety
/// `rep` must come from [`rep_new`] and not be dropped yet.
#[inline]
unsafe fn rep_of<T: 'static>(rep: u32) -> *mut Rep<T> {
    let header = rep as usize as *mut RepHeader;
    // `match` and `panic!` with a literal: no formatting code for the message.
    if unsafe { (*header).type_id } != TypeId::of::<T>() {
        panic!("resource is implemented by a different type")
    }
    header.cast::<Rep<T>>()
}

/// Boxes `value` and returns the pointer used as the resource's `rep`.
pub fn rep_new<T: 'static>(value: T) -> u32 {
    let rep = Box::new(Rep {
        header: RepHeader {
            type_id: TypeId::of::<T>(),
            drop: drop_rep::<T>,
        },
        value: Some(value),
    });
    Box::into_raw(rep) as usize as u32
}

/// Borrows the value behind `rep`.
///
/// # Safety
/// `rep` must come from [`rep_new`] and not be dropped during `'a`.
#[inline]
pub unsafe fn rep_get<'a, T: 'static>(rep: u32) -> &'a T {
    match unsafe { &(*rep_of::<T>(rep)).value } {
        Some(value) => value,
        None => panic!("resource value was already taken"),
    }
}

/// Borrows the value behind `rep` mutably.
///
/// # Safety
/// As [`rep_get`], and nothing else borrows the value during `'a`.
#[inline]
pub unsafe fn rep_get_mut<'a, T: 'static>(rep: u32) -> &'a mut T {
    match unsafe { &mut (*rep_of::<T>(rep)).value } {
        Some(value) => value,
        None => panic!("resource value was already taken"),
    }
}

/// Moves the value out; the representation stays until the destructor runs.
///
/// # Safety
/// `rep` must come from [`rep_new`] and not be borrowed.
pub unsafe fn rep_take<T: 'static>(rep: u32) -> T {
    match unsafe { (*rep_of::<T>(rep)).value.take() } {
        Some(value) => value,
        None => panic!("resource value was already taken"),
    }
}

/// The destructor: frees the representation and the value if still there.
///
/// # Safety
/// `rep` must come from [`rep_new`]; called once, by the host's `[dtor]` call.
pub unsafe fn rep_drop(rep: u32) {
    let header = rep as usize as *mut RepHeader;
    unsafe { ((*header).drop)(header) };
}

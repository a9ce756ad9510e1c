//! `future<T>` and `stream<T>` ends: the readers and writers generated code hands to users.
//!
//! Each payload type has one vtable (generated): the `(fn, N)` intrinsics the component imports
//! for it, and how to move a value of it in and out of a buffer. The ends here drive the copy
//! protocol: start a read or write, wait on the end's waitable when the host says BLOCKED, and
//! cancel a copy whose future is dropped mid-way.

use alloc::boxed::Box;
use alloc::vec::{self, Vec};
use core::future::Future;
use core::mem::{needs_drop, ManuallyDrop};
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::memory::Cleanup;
use crate::resource::{Handle, OwnsHandle};
use crate::task::{current_task_exists, spawn, Watch};

/// A copy is in progress; an event will report how it ended.
pub(crate) const BLOCKED: u32 = 0xffff_ffff;
pub(crate) const COMPLETED: u32 = 0;
const DROPPED: u32 = 1;
/// The most items one copy may move (the count shares the result code with a 4-bit status).
const MAX_COPY: usize = (1 << 28) - 1;

/// Whether `T`'s canonical layout is its Rust layout: the integer and float types, whose
/// `stream<T>` vtables are `plain`. Decided from the type, not the vtable, so that the compiler
/// keeps only the path each payload type takes (a `stream<u32>` carries no per-item code).
fn plain<T: 'static>() -> bool {
    use core::any::TypeId;
    let t = TypeId::of::<T>();
    t == TypeId::of::<u8>()
        || t == TypeId::of::<i8>()
        || t == TypeId::of::<u16>()
        || t == TypeId::of::<i16>()
        || t == TypeId::of::<u32>()
        || t == TypeId::of::<i32>()
        || t == TypeId::of::<u64>()
        || t == TypeId::of::<i64>()
        || t == TypeId::of::<f32>()
        || t == TypeId::of::<f64>()
}

/// The intrinsics and payload conversions of one `future<T>` payload type.
pub struct FutureVtable<T> {
    pub size: usize,
    pub align: usize,
    pub new: unsafe extern "C" fn() -> i64,
    pub read: unsafe extern "C" fn(i32, i32) -> i32,
    pub write: unsafe extern "C" fn(i32, i32) -> i32,
    pub cancel_read: unsafe extern "C" fn(i32) -> i32,
    pub cancel_write: unsafe extern "C" fn(i32) -> i32,
    pub drop_readable: unsafe extern "C" fn(i32),
    pub drop_writable: unsafe extern "C" fn(i32),
    /// Stores a value into a buffer (strings and lists may point into the value).
    pub store: unsafe fn(&T, *mut u8, &mut Cleanup),
    /// Loads a value from a buffer, taking ownership of what it points to.
    pub load: unsafe fn(*mut u8) -> T,
}

/// The intrinsics and element conversions of one `stream<T>` payload type.
pub struct StreamVtable<T> {
    pub size: usize,
    pub align: usize,
    pub new: unsafe extern "C" fn() -> i64,
    pub read: unsafe extern "C" fn(i32, i32, i32) -> i32,
    pub write: unsafe extern "C" fn(i32, i32, i32) -> i32,
    pub cancel_read: unsafe extern "C" fn(i32) -> i32,
    pub cancel_write: unsafe extern "C" fn(i32) -> i32,
    pub drop_readable: unsafe extern "C" fn(i32),
    pub drop_writable: unsafe extern "C" fn(i32),
    /// `T`'s canonical layout is its Rust layout (integers and floats): a `Vec<T>`'s buffer is
    /// handed to the host as it is, with no per-item store or load. The runtime knows this from
    /// `T` itself (so the compiler drops the unused path); debug builds check the two agree.
    pub plain: bool,
    pub store: unsafe fn(&T, *mut u8, &mut Cleanup),
    pub load: unsafe fn(*mut u8) -> T,
}

/// Waits until the copy started on `handle` (which answered `code`) ends; resolves to its
/// result.
///
/// If the waiting future is dropped first, the copy is cancelled (unless its end already
/// arrived) and `cancelled` gets the final result, so values already delivered into the buffer
/// can be released.
///
/// Not generic (the callback is a trait object) and not an `async fn` (whose state machine the
/// compiler inlines into every caller): one out-of-line `poll` serves every payload type.
fn finish_copy(
    handle: u32,
    code: u32,
    cancel: unsafe extern "C" fn(i32) -> i32,
    cancelled: &mut dyn FnMut(u32),
) -> CopyWait<'_> {
    CopyWait {
        guard: CopyGuard {
            watch: ManuallyDrop::new((code == BLOCKED).then(|| Watch::new(handle))),
            handle,
            cancel,
            cancelled: Some(cancelled),
        },
        code,
    }
}

/// The future of [`finish_copy`].
struct CopyWait<'a> {
    guard: CopyGuard<'a>,
    /// The result when the copy did not block.
    code: u32,
}

impl Future for CopyWait<'_> {
    type Output = u32;

    #[inline(never)]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let this = self.get_mut();
        let guard = &mut this.guard;
        let code = match &*guard.watch {
            None => return Poll::Ready(this.code),
            Some(watch) => match watch.poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(code) => code,
            },
        };
        guard.cancelled = None;
        drop(guard.watch.take());
        Poll::Ready(code)
    }
}

/// Cancels a copy whose waiting future was dropped, so the buffer can be freed safely.
struct CopyGuard<'a> {
    /// Dropped by the out-of-line `drop` below, so dropping a guard is one call.
    watch: ManuallyDrop<Option<Watch>>,
    handle: u32,
    cancel: unsafe extern "C" fn(i32) -> i32,
    cancelled: Option<&'a mut dyn FnMut(u32)>,
}

// SAFETY: `cancelled` is a closure on the state of the future awaiting this one (see the callers
// of `finish_copy`), so it moves along with it, and the compiler checks its captures there; the
// `Watch` is `Send`. This lets the futures of reads and writes be `Send`.
unsafe impl Send for CopyGuard<'_> {}

impl Drop for CopyGuard<'_> {
    #[inline(never)]
    fn drop(&mut self) {
        // SAFETY: taken once, here.
        let Some(watch) = (unsafe { ManuallyDrop::take(&mut self.watch) }) else {
            return;
        };
        let arrived = watch.pending_event();
        // Leave the set before cancelling: cancelling a joined end traps.
        drop(watch);
        let code = match arrived {
            Some(code) => code,
            None => (unsafe { (self.cancel)(self.handle as i32) }) as u32,
        };
        if let Some(cancelled) = self.cancelled.take() {
            cancelled(code);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Futures

/// The readable end of a `future<T>`.
pub struct FutureReader<T: 'static> {
    handle: Handle,
    vtable: &'static FutureVtable<T>,
}

/// The writable end of a `future<T>`. Dropping it unwritten writes the default value given to
/// [`future_new`] from a background task, so the reader always gets a value and nothing traps.
pub struct FutureWriter<T: 'static> {
    handle: Handle,
    vtable: &'static FutureVtable<T>,
    /// Dropped by the writer's out-of-line `drop`, so dropping a writer is one call.
    default: ManuallyDrop<Option<DefaultValue<T>>>,
}

/// What an unwritten [`FutureWriter`] writes when dropped.
struct DefaultValue<T>(Box<dyn FnOnce() -> T>);

// SAFETY: a component instance runs on one thread, so the closure (which may hold an `Rc`) is
// only ever called there. This makes `FutureWriter` and its `write` future `Send`.
unsafe impl<T> Send for DefaultValue<T> {}

/// Creates a future: its writer and its reader.
pub fn future_new<T: 'static>(
    vtable: &'static FutureVtable<T>,
    default: impl FnOnce() -> T + 'static,
) -> (FutureWriter<T>, FutureReader<T>) {
    let pair = unsafe { (vtable.new)() } as u64;
    let readable = pair as u32;
    let writable = (pair >> 32) as u32;
    (
        FutureWriter {
            handle: Handle::new(writable),
            vtable,
            default: ManuallyDrop::new(Some(DefaultValue(Box::new(default)))),
        },
        FutureReader {
            handle: Handle::new(readable),
            vtable,
        },
    )
}

/// A future whose value is what `future` produces, computed by a task spawned on the current
/// task (so it may finish after the export returned).
pub fn future_spawn<T: 'static>(
    vtable: &'static FutureVtable<T>,
    future: impl core::future::Future<Output = T> + 'static,
) -> FutureReader<T> {
    let pair = unsafe { (vtable.new)() } as u64;
    let writer = FutureWriter {
        handle: Handle::new((pair >> 32) as u32),
        vtable,
        default: ManuallyDrop::new(None),
    };
    spawn(async move {
        let value = future.await;
        // A reader that went away simply does not get the value.
        let _ = writer.write(value).await;
    });
    unsafe { FutureReader::from_handle(pair as u32, vtable) }
}

impl<T: 'static> FutureReader<T> {
    /// # Safety
    /// `handle` must be an owned readable end of a future with this payload type.
    pub unsafe fn from_handle(handle: u32, vtable: &'static FutureVtable<T>) -> Self {
        FutureReader {
            handle: Handle::new(handle),
            vtable,
        }
    }

    /// Gives the handle away (to pass the future to another component).
    pub fn take_handle(&self) -> u32 {
        self.handle.take()
    }

    /// Waits for the value.
    pub async fn read(self) -> T {
        let handle = self.handle.get();
        let mut buffer = Cleanup::new();
        // An address, not a pointer, across the await: the future stays `Send`.
        let addr = buffer.alloc(self.vtable.size, self.vtable.align) as usize;
        let code = unsafe { (self.vtable.read)(handle as i32, addr as i32) } as u32;
        let vtable = self.vtable;
        let code = finish_copy(handle, code, vtable.cancel_read, &mut |code| {
            // A value that arrived as the read was cancelled is dropped with the reader.
            if needs_drop::<T>() && code & 0xf == COMPLETED {
                drop(unsafe { (vtable.load)(addr as *mut u8) });
            }
        })
        .await;
        assert!(code & 0xf == COMPLETED, "future read ended without a value");
        unsafe { (self.vtable.load)(addr as *mut u8) }
    }
}

impl<T: 'static> Drop for FutureReader<T> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.release() {
            unsafe { (self.vtable.drop_readable)(handle as i32) };
        }
    }
}

impl<T: 'static> FutureWriter<T> {
    /// Writes the value; gives it back if the reader was dropped first (with any handles it
    /// holds still its own).
    ///
    /// A write cancelled (its future dropped) before the value was delivered leaves the writer
    /// unwritten: dropped with the write, it writes its default, as if never written.
    pub async fn write(mut self, value: T) -> Result<(), T> {
        let handle = self.handle.get();
        let vtable = self.vtable;
        let mut buffer = Cleanup::new();
        buffer.record_moves();
        let ptr = buffer.alloc(vtable.size, vtable.align);
        unsafe { (vtable.store)(&value, ptr, &mut buffer) };
        let code = unsafe { (vtable.write)(handle as i32, ptr as i32) } as u32;
        // Kept until the copy ends: the writable end may only be dropped after a write
        // COMPLETED or saw DROPPED, so a cancelled one must still write the default.
        let default = &mut *self.default;
        let code = finish_copy(handle, code, vtable.cancel_write, &mut |code| {
            if code & 0xf == COMPLETED || code & 0xf == DROPPED {
                clear_default(default);
            }
            if code & 0xf != COMPLETED {
                // Not delivered: the value is dropped with its handles.
                unsafe { buffer.restore_moves(0) };
            }
        })
        .await;
        clear_default(&mut self.default);
        if code & 0xf == DROPPED {
            unsafe { buffer.restore_moves(0) };
            drop(buffer);
            return Err(value);
        }
        Ok(())
    }
}

/// Drops a writer's default (it was written, or can no longer be): one copy per payload type.
#[inline(never)]
fn clear_default<T>(default: &mut Option<DefaultValue<T>>) {
    *default = None;
}

impl<T: 'static> Drop for FutureWriter<T> {
    #[inline(never)]
    fn drop(&mut self) {
        // SAFETY: taken once, here.
        let default = unsafe { ManuallyDrop::take(&mut self.default) };
        let Some(handle) = self.handle.release() else {
            return;
        };
        match default {
            // Unwritten: write the default from the current task, so the reader is served.
            Some(default) if current_task_exists() => {
                let writer = FutureWriter {
                    handle: Handle::new(handle),
                    vtable: self.vtable,
                    default: ManuallyDrop::new(None),
                };
                spawn(async move {
                    let _ = writer.write((default.0)()).await;
                });
            }
            _ => unsafe { (self.vtable.drop_writable)(handle as i32) },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Streams

/// The readable end of a `stream<T>`. Besides [`StreamReader::read`], it is a
/// `futures_core::Stream` of items.
pub struct StreamReader<T: 'static> {
    handle: Handle,
    vtable: &'static StreamVtable<T>,
    done: bool,
    /// Items read but not handed out yet (by the `Stream` implementation, or delivered as a
    /// read was cancelled). Only ever refilled when empty.
    ///
    /// This and `in_flight` are dropped by the reader's out-of-line `drop`, so dropping a
    /// reader is one call.
    buffered: ManuallyDrop<vec::IntoIter<T>>,
    /// A read started by `poll_next` that the host has not finished yet.
    in_flight: ManuallyDrop<Option<InFlightRead>>,
}

/// A read started by `poll_next` that the host has not finished yet.
struct InFlightRead {
    buffer: Cleanup,
    ptr: *mut u8,
    watch: Watch,
}

// SAFETY: `ptr` points into `buffer`, which this owns; `Cleanup` and `Watch` are `Send`. This
// makes `StreamReader` `Send`.
unsafe impl Send for InFlightRead {}

impl InFlightRead {
    /// Ends the read early: cancels it unless its end already arrived. Returns the result code
    /// and the buffer holding the items it counts.
    fn cancel(self, handle: u32, cancel_read: unsafe extern "C" fn(i32) -> i32) -> (u32, Cleanup) {
        let arrived = self.watch.pending_event();
        // Leave the set before cancelling: cancelling a joined end traps.
        drop(self.watch);
        let code = match arrived {
            Some(code) => code,
            None => (unsafe { cancel_read(handle as i32) }) as u32,
        };
        (code, self.buffer)
    }
}

/// How many items `poll_next` asks for at once.
const STREAM_CHUNK: usize = 64;

/// The writable end of a `stream<T>`.
pub struct StreamWriter<T: 'static> {
    handle: Handle,
    vtable: &'static StreamVtable<T>,
    done: bool,
}

/// Creates a stream: its writer and its reader.
pub fn stream_new<T: 'static>(
    vtable: &'static StreamVtable<T>,
) -> (StreamWriter<T>, StreamReader<T>) {
    let pair = unsafe { (vtable.new)() } as u64;
    (
        StreamWriter {
            handle: Handle::new((pair >> 32) as u32),
            vtable,
            done: false,
        },
        unsafe { StreamReader::from_handle(pair as u32, vtable) },
    )
}

/// A stream fed by `items` (any `futures_core::Stream`), pumped by a task spawned on the
/// current task; the stream ends when `items` does.
pub fn stream_spawn<T: 'static>(
    vtable: &'static StreamVtable<T>,
    items: impl futures_core::Stream<Item = T> + 'static,
) -> StreamReader<T> {
    let (mut writer, reader) = stream_new(vtable);
    spawn(async move {
        let mut items = core::pin::pin!(items);
        let mut chunk = Vec::new();
        loop {
            // Gather what is ready now, then hand it over in one write.
            let next = core::future::poll_fn(|cx| {
                let mut ended = false;
                while chunk.len() < STREAM_CHUNK {
                    match items.as_mut().poll_next(cx) {
                        Poll::Ready(Some(item)) => chunk.push(item),
                        Poll::Ready(None) => {
                            ended = true;
                            break;
                        }
                        Poll::Pending => break,
                    }
                }
                if chunk.is_empty() && !ended {
                    Poll::Pending
                } else {
                    Poll::Ready(ended)
                }
            })
            .await;
            let rest = writer.write_all(core::mem::take(&mut chunk)).await;
            if !rest.is_empty() || next {
                // The reader left, or the source ended.
                break;
            }
        }
    });
    reader
}

/// Loads `count` items out of a read's buffer (taking ownership of what they point to).
unsafe fn load_items<T: 'static>(vtable: &StreamVtable<T>, ptr: *mut u8, count: u32) -> Vec<T> {
    let count = count as usize;
    let mut items = Vec::with_capacity(count);
    if plain::<T>() {
        // SAFETY: the buffer holds `count` items in `T`'s own layout.
        unsafe {
            core::ptr::copy_nonoverlapping(ptr.cast::<T>(), items.as_mut_ptr(), count);
            items.set_len(count);
        }
        return items;
    }
    for i in 0..count {
        items.push(unsafe { (vtable.load)(ptr.add(i * vtable.size)) });
    }
    items
}

/// One copy out of address `addr` (`len` items, stored into `buffer` whose recorded handle moves
/// for item `i` start at `marks[i]`; no buffer for a plain payload's own items); handles of items
/// not delivered are given back. Returns the result code; sets `done` when it is DROPPED, also
/// for a copy cancelled by dropping this future (the end must not be written again). Not
/// generic: one state machine serves every payload type. (Addresses, not pointers, in these
/// futures keep them `Send`.)
#[allow(clippy::too_many_arguments)]
async fn write_copy(
    handle: u32,
    write: unsafe extern "C" fn(i32, i32, i32) -> i32,
    cancel: unsafe extern "C" fn(i32) -> i32,
    addr: usize,
    len: usize,
    mut buffer: Option<&mut Cleanup>,
    marks: &[usize],
    done: &mut bool,
) -> u32 {
    let code = unsafe { write(handle as i32, addr as i32, len as i32) } as u32;
    let undelivered = |code: u32| marks.get((code >> 4) as usize).copied();
    let mut restore = |code: u32| {
        *done |= code & 0xf == DROPPED;
        if let (Some(mark), Some(buffer)) = (undelivered(code), buffer.as_deref_mut()) {
            unsafe { buffer.restore_moves(mark) };
        }
    };
    let code = finish_copy(handle, code, cancel, &mut restore).await;
    restore(code);
    code
}

/// Writes `len` items of `size` bytes straight from address `addr` (a plain payload's own
/// buffer), waiting for the reader as needed; returns how many were taken before the reader
/// left (`done` is then set).
async fn write_all_plain(
    handle: u32,
    write: unsafe extern "C" fn(i32, i32, i32) -> i32,
    cancel: unsafe extern "C" fn(i32) -> i32,
    addr: usize,
    size: usize,
    len: usize,
    done: &mut bool,
) -> usize {
    // Partial writes move on through the same buffer instead of splitting it.
    let mut written = 0;
    while written < len && !*done {
        let n = (len - written).min(MAX_COPY);
        let at = addr + written * size;
        let code = write_copy(handle, write, cancel, at, n, None, &[], done).await;
        written += (code >> 4) as usize;
    }
    written
}

/// Whether the readable end of the stream whose writable end is `handle` (idle: no copy in
/// flight) is gone: a zero-length write, withdrawn at once if it has to wait. Not generic: one
/// copy serves every payload type.
#[inline(never)]
fn reader_dropped(
    handle: u32,
    write: unsafe extern "C" fn(i32, i32, i32) -> i32,
    cancel: unsafe extern "C" fn(i32) -> i32,
) -> bool {
    // SAFETY: a zero-length write reads no memory, so address 0 (aligned for any type) is a
    // valid buffer; `handle` is an idle writable end this writer owns.
    let mut code = unsafe { write(handle as i32, 0, 0) } as u32;
    if code == BLOCKED {
        // SAFETY: the write just started is in flight, and the end is in no waitable set (only
        // a copy being awaited joins one), so a synchronous cancel is allowed. It ends the
        // write (CANCELLED, nothing taken), or reports how it ended if it did meanwhile.
        code = unsafe { cancel(handle as i32) } as u32;
    }
    code & 0xf == DROPPED
}

impl<T: 'static> StreamReader<T> {
    /// # Safety
    /// `handle` must be an owned readable end of a stream with this payload type.
    pub unsafe fn from_handle(handle: u32, vtable: &'static StreamVtable<T>) -> Self {
        debug_assert_eq!(vtable.plain, plain::<T>(), "stream vtable `plain` flag");
        StreamReader {
            handle: Handle::new(handle),
            vtable,
            done: false,
            buffered: ManuallyDrop::new(Vec::new().into_iter()),
            in_flight: ManuallyDrop::new(None),
        }
    }

    pub fn take_handle(&self) -> u32 {
        self.handle.take()
    }

    /// Reads up to `max` items. `None` once the writer is gone and nothing more will come; an
    /// empty vector is a read that was cancelled or got nothing this time.
    pub async fn read(&mut self, max: usize) -> Option<Vec<T>> {
        assert!(
            self.in_flight.is_none(),
            "`read` while a `Stream` poll is in flight"
        );
        if self.buffered.len() != 0 {
            let n = max.min(self.buffered.len());
            let mut items = Vec::with_capacity(n);
            // A plain loop: `collect` and `extend` bring larger generic code.
            for item in self.buffered.by_ref().take(n) {
                items.push(item);
            }
            return Some(items);
        }
        if self.done {
            return None;
        }
        let handle = self.handle.get();
        let max = max.clamp(1, MAX_COPY);
        let vtable = self.vtable;
        let mut items: Vec<T> = Vec::new();
        let mut buffer = Cleanup::new();
        // An address, not a pointer, across the await: the future stays `Send`.
        let addr = if plain::<T>() {
            // Read straight into the vector's spare capacity.
            items.reserve_exact(max);
            items.as_mut_ptr() as usize
        } else {
            buffer.alloc(max * vtable.size, vtable.align) as usize
        };
        let code = unsafe { (vtable.read)(handle as i32, addr as i32, max as i32) } as u32;
        let (buffered, done) = (&mut *self.buffered, &mut self.done);
        let code = finish_copy(handle, code, vtable.cancel_read, &mut |code| {
            // The writer left as the read was cancelled: the end must not be read again.
            *done |= code & 0xf == DROPPED;
            // Items delivered before the cancel took effect are kept for the next read: the
            // writer was told they were taken.
            *buffered = unsafe { load_items(vtable, addr as *mut u8, code >> 4) }.into_iter();
        })
        .await;
        let items = if plain::<T>() {
            // The host wrote `count` initialized items of a plain type.
            unsafe { items.set_len((code >> 4) as usize) };
            items
        } else {
            unsafe { load_items(vtable, addr as *mut u8, code >> 4) }
        };
        drop(buffer);
        if code & 0xf == DROPPED {
            self.done = true;
            if items.is_empty() {
                return None;
            }
        }
        Some(items)
    }

    /// Reads everything until the writer is gone.
    pub async fn collect(mut self) -> Vec<T> {
        let mut all = Vec::new();
        while let Some(items) = self.read(64).await {
            all.extend(items);
        }
        all
    }

    /// Takes the items of a finished read out of its buffer; marks the end on DROPPED.
    fn take_items(&mut self, ptr: *mut u8, code: u32) {
        *self.buffered = unsafe { load_items(self.vtable, ptr, code >> 4) }.into_iter();
        if code & 0xf == DROPPED {
            self.done = true;
        }
    }
}

impl<T: 'static> futures_core::Stream for StreamReader<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        // No field is structurally pinned: the reader is `Unpin` in all but name.
        let this = unsafe { self.get_unchecked_mut() };
        loop {
            if let Some(item) = this.buffered.next() {
                return Poll::Ready(Some(item));
            }
            if let Some(read) = this.in_flight.take() {
                let code = match read.watch.poll_next(cx) {
                    Poll::Pending => {
                        *this.in_flight = Some(read);
                        return Poll::Pending;
                    }
                    Poll::Ready(code) => code,
                };
                let InFlightRead { buffer, ptr, watch } = read;
                drop(watch);
                this.take_items(ptr, code);
                drop(buffer);
                continue;
            }
            if this.done {
                return Poll::Ready(None);
            }
            let handle = this.handle.get();
            let mut buffer = Cleanup::new();
            let ptr = buffer.alloc(STREAM_CHUNK * this.vtable.size, this.vtable.align);
            let code = unsafe { (this.vtable.read)(handle as i32, ptr as i32, STREAM_CHUNK as i32) }
                as u32;
            if code == BLOCKED {
                *this.in_flight = Some(InFlightRead {
                    buffer,
                    ptr,
                    watch: Watch::new(handle),
                });
            } else {
                this.take_items(ptr, code);
            }
        }
    }
}

impl<T: 'static> Drop for StreamReader<T> {
    #[inline(never)]
    fn drop(&mut self) {
        if let Some(read) = self.in_flight.take() {
            // Cancel the read `poll_next` left in flight, releasing what it delivered.
            let ptr = read.ptr;
            let (code, buffer) = read.cancel(self.handle.get(), self.vtable.cancel_read);
            if needs_drop::<T>() {
                drop(unsafe { load_items(self.vtable, ptr, code >> 4) });
            }
            drop(buffer);
        }
        if let Some(handle) = self.handle.release() {
            unsafe { (self.vtable.drop_readable)(handle as i32) };
        }
        // SAFETY: dropped once, here (`in_flight` was emptied above).
        unsafe { ManuallyDrop::drop(&mut self.buffered) };
    }
}

impl<T: 'static> StreamWriter<T> {
    /// Writes as many of `items` as the reader takes in one copy; returns the ones not taken
    /// (with any handles they hold still their own). All are returned when the reader is gone.
    pub async fn write(&mut self, mut items: Vec<T>) -> Vec<T> {
        if self.done || items.is_empty() {
            return items;
        }
        let handle = self.handle.get();
        let len = items.len().min(MAX_COPY);
        let vtable = self.vtable;
        let mut buffer = Cleanup::new();
        let mut marks = Vec::new();
        let addr = if plain::<T>() {
            // The items' own buffer is their canonical representation.
            items.as_ptr() as usize
        } else {
            buffer.record_moves();
            let ptr = buffer.alloc(len * vtable.size, vtable.align);
            // Where each item's recorded handle moves start.
            marks.reserve_exact(len);
            for (i, item) in items.iter().take(len).enumerate() {
                marks.push(buffer.moves_len());
                unsafe { (vtable.store)(item, ptr.add(i * vtable.size), &mut buffer) };
            }
            ptr as usize
        };
        let code = write_copy(
            handle,
            vtable.write,
            vtable.cancel_write,
            addr,
            len,
            Some(&mut buffer),
            &marks,
            &mut self.done,
        )
        .await;
        // The first `count` items were copied out (any handles they held moved with them).
        let count = (code >> 4) as usize;
        items.split_off(count)
    }

    /// Whether the reader is gone, found out without writing any item.
    ///
    /// Unless an earlier write already found the reader gone, this asks the host with a
    /// zero-length write: it ends at once as DROPPED when the reader was dropped, or completes
    /// at once when a read is waiting (that read stays pending, untouched); otherwise it would
    /// wait for the reader and is withdrawn at once with the synchronous cancel. No item moves.
    /// Once `true`, it stays `true`, and writes take nothing.
    ///
    /// `false` means only "still there now": the reader may go away right after, which the
    /// next write (or call) finds out.
    ///
    /// Call it from an async export's task (or work spawned there): the host allows the
    /// synchronous cancel only in a task that may block, so in a synchronous export it traps
    /// ("cannot block a synchronous task before returning") whenever the reader is there and
    /// not reading. A future has no such probe: its only write delivers the value.
    pub fn is_closed(&mut self) -> bool {
        if !self.done {
            let vtable = self.vtable;
            self.done = reader_dropped(self.handle.get(), vtable.write, vtable.cancel_write);
        }
        self.done
    }

    /// Writes every item, waiting for the reader as needed; returns those left when the reader
    /// went away.
    pub async fn write_all(&mut self, mut items: Vec<T>) -> Vec<T> {
        if plain::<T>() {
            if self.done || items.is_empty() {
                return items;
            }
            let vtable = self.vtable;
            let written = write_all_plain(
                self.handle.get(),
                vtable.write,
                vtable.cancel_write,
                items.as_ptr() as usize,
                vtable.size,
                items.len(),
                &mut self.done,
            )
            .await;
            items.drain(..written);
            return items;
        }
        // Boxed: a state machine holding both paths would keep the code of both for every
        // payload type (the resume points of a branch that never runs are still compiled).
        WriteItems(Box::pin(self.write_items(items))).await
    }

    /// [`write_all`](StreamWriter::write_all) for items stored one by one.
    async fn write_items(&mut self, mut items: Vec<T>) -> Vec<T> {
        while !items.is_empty() && !self.done {
            items = self.write(items).await;
        }
        items
    }
}

/// The boxed [`StreamWriter::write_items`] future of `write_all`.
struct WriteItems<'a, T>(Pin<Box<dyn Future<Output = Vec<T>> + 'a>>);

// SAFETY: the boxed future is `write_items`', which is `Send` when `T` is (checked by
// `write_items_is_send`); a trait object just cannot say so without bounding `write_all`.
unsafe impl<T: Send> Send for WriteItems<'_, T> {}

impl<T> Future for WriteItems<'_, T> {
    type Output = Vec<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<T>> {
        self.0.as_mut().poll(cx)
    }
}

/// Checks at compile time what `WriteItems`'s `Send` relies on.
#[allow(dead_code)]
fn write_items_is_send<T: Send>(writer: &mut StreamWriter<T>, items: Vec<T>) -> impl Send + '_ {
    writer.write_items(items)
}

impl<T: 'static> Drop for StreamWriter<T> {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.release() {
            unsafe { (self.vtable.drop_writable)(handle as i32) };
        }
    }
}

impl<T: 'static> OwnsHandle for FutureReader<T> {
    fn handle_slot(&self) -> &Handle {
        &self.handle
    }
}

impl<T: 'static> OwnsHandle for StreamReader<T> {
    fn handle_slot(&self) -> &Handle {
        &self.handle
    }
}

impl<T: 'static> core::fmt::Debug for FutureReader<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FutureReader")
            .field("handle", &self.handle)
            .finish()
    }
}

impl<T: 'static> core::fmt::Debug for FutureWriter<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("FutureWriter")
            .field("handle", &self.handle)
            .finish()
    }
}

impl<T: 'static> core::fmt::Debug for StreamReader<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("StreamReader")
            .field("handle", &self.handle)
            .finish()
    }
}

impl<T: 'static> core::fmt::Debug for StreamWriter<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("StreamWriter")
            .field("handle", &self.handle)
            .finish()
    }
}

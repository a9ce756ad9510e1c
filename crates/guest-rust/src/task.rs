//! The async executor behind component-model async exports and imports.
//!
//! One [`Task`] exists per async export call (and per [`block_on`]). It owns the futures of the
//! call (the export's own future and anything [`spawn`]ed), a waitable set created on first need,
//! and the waiters registered on waitables (subtasks today). The host drives it through the
//! callback ABI: every turn polls the futures, then tells the host to exit, yield, or wait on the
//! set. Context slot 0 holds the task across turns.
//!
//! A waker may fire from another task (or a synchronous export) while its task sleeps in the
//! host, which calls a task back only for an event in its set: the task's doorbell, a unit
//! stream of the component's own, makes that event.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::sync::Arc;
use alloc::task::Wake;
use alloc::vec::Vec;
use core::cell::Cell;
use core::future::Future;
use core::mem::ManuallyDrop;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use core::task::{Context, Poll, Waker};

use crate::endpoint::{BLOCKED, COMPLETED};
use crate::intrinsics as sys;
use crate::memory::Cleanup;

/// Callback codes returned to the host.
const EXIT: i32 = 0;
const YIELD: i32 = 1;
const WAIT: i32 = 2;

/// The event telling a task the caller cancelled it (others carry a waitable and a payload).
const EVENT_TASK_CANCELLED: i32 = 6;

/// Subtask states.
const STARTING: u32 = 0;
const STARTED: u32 = 1;
const RETURNED: u32 = 2;
const CANCELLED_BEFORE_STARTED: u32 = 3;

type BoxedFuture = Pin<Box<dyn Future<Output = ()>>>;

/// What a task's wakers share with it. The fields are atomics only because `Waker` requires
/// `Send + Sync`; a component instance runs on one thread.
struct Wakeup {
    /// Set by any waker of the task; tells the turn to poll again instead of waiting.
    woken: AtomicBool,
    /// The task's code is running (a turn, or a step of `block_on`): it will see `woken`, and
    /// no doorbell is needed.
    running: AtomicBool,
    /// The task's waitable set (0 while it has none, and once the task ended).
    set: AtomicU32,
    /// The doorbell's readable and writable ends (0 until first rung).
    bell_reader: AtomicU32,
    bell_writer: AtomicU32,
    /// The doorbell's read is pending in the set: the task will be called back.
    ringing: AtomicBool,
}

impl Wake for Wakeup {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Relaxed);
        if !self.running.load(Ordering::Relaxed) {
            self.ring();
        }
    }
}

impl Wakeup {
    fn new() -> Wakeup {
        Wakeup {
            woken: AtomicBool::new(false),
            running: AtomicBool::new(true),
            set: AtomicU32::new(0),
            bell_reader: AtomicU32::new(0),
            bell_writer: AtomicU32::new(0),
            ringing: AtomicBool::new(false),
        }
    }

    /// Puts an event in the sleeping task's set: a read pending on the doorbell, joined to the
    /// set, then one unit written.
    #[inline(never)]
    fn ring(&self) {
        let set = self.set.load(Ordering::Relaxed);
        // No set: the task is not asleep waiting on one (it yields, or has ended).
        if set == 0 || self.ringing.load(Ordering::Relaxed) {
            return;
        }
        if self.bell_reader.load(Ordering::Relaxed) == 0 {
            let pair = unsafe { sys::unit_stream_new() };
            self.bell_reader.store(pair as u32, Ordering::Relaxed);
            self.bell_writer
                .store((pair as u64 >> 32) as u32, Ordering::Relaxed);
        }
        let reader = self.bell_reader.load(Ordering::Relaxed) as i32;
        let writer = self.bell_writer.load(Ordering::Relaxed) as i32;
        let read = unsafe { sys::unit_stream_read(reader, 0, 1) } as u32;
        assert_eq!(read, BLOCKED, "a doorbell read did not wait");
        unsafe { sys::waitable_join(reader, set as i32) };
        let written = unsafe { sys::unit_stream_write(writer, 0, 1) } as u32;
        // One item copied: the count is above the 4-bit status.
        assert_eq!(written, COMPLETED | 1 << 4, "a doorbell did not ring");
        self.ringing.store(true, Ordering::Relaxed);
    }

    /// Whether `waitable` is the doorbell; its event is then consumed here.
    fn answer(&self, waitable: u32) -> bool {
        if waitable == 0 || waitable != self.bell_reader.load(Ordering::Relaxed) {
            return false;
        }
        unsafe { sys::waitable_join(waitable as i32, 0) };
        self.ringing.store(false, Ordering::Relaxed);
        true
    }

    /// The task ended: later wakes do nothing.
    fn close(&self) {
        self.set.store(0, Ordering::Relaxed);
        let reader = self.bell_reader.swap(0, Ordering::Relaxed);
        if reader != 0 {
            unsafe {
                sys::waitable_join(reader as i32, 0);
                // A ring not answered yet: its read is in flight (or done, its event not
                // delivered), and an end busy with a read cannot be dropped.
                if self.ringing.swap(false, Ordering::Relaxed) {
                    sys::unit_stream_cancel_read(reader as i32);
                }
                sys::unit_stream_drop_readable(reader as i32);
                sys::unit_stream_drop_writable(self.bell_writer.load(Ordering::Relaxed) as i32);
            }
        }
    }
}

/// The latest event seen on one waitable, and who to wake for it.
#[derive(Default)]
struct Waiter {
    event: Cell<Option<u32>>,
    waker: Cell<Option<Waker>>,
    /// The set the waitable is joined to (0 once it left): a future polled by another task
    /// (a `block_on` inside an export) moves the waitable to that task's set.
    set: Cell<u32>,
}

pub(crate) struct Task {
    futures: Vec<BoxedFuture>,
    /// Futures spawned while polling; moved into `futures` after the poll pass.
    spawned: Vec<BoxedFuture>,
    set: u32,
    /// Sorted by waitable (a few entries: a sorted vector is smaller code than a map).
    waiters: Vec<(u32, Rc<Waiter>)>,
    wakeup: Arc<Wakeup>,
    /// `[task-cancel]` of the export this task runs, for when the host cancels it.
    cancel: Option<unsafe fn()>,
    returned: Cell<bool>,
}

impl Task {
    fn new(cancel: Option<unsafe fn()>) -> Task {
        Task {
            futures: Vec::new(),
            spawned: Vec::new(),
            set: 0,
            waiters: Vec::new(),
            wakeup: Arc::new(Wakeup::new()),
            cancel,
            returned: Cell::new(false),
        }
    }

    fn set(&mut self) -> u32 {
        if self.set == 0 {
            self.set = unsafe { sys::waitable_set_new() } as u32;
            self.wakeup.set.store(self.set, Ordering::Relaxed);
        }
        self.set
    }

    /// Joins `waitable` to the task's set and returns its waiter.
    fn watch(&mut self, waitable: u32) -> Rc<Waiter> {
        let waiter = Rc::new(Waiter::default());
        self.adopt(waitable, &waiter);
        waiter
    }

    /// Joins `waitable` to this task's set (leaving any other), its events going to `waiter`.
    fn adopt(&mut self, waitable: u32, waiter: &Rc<Waiter>) {
        let set = self.set();
        unsafe { sys::waitable_join(waitable as i32, set as i32) };
        waiter.set.set(set);
        match self.find(waitable) {
            Ok(i) => self.waiters[i].1 = waiter.clone(),
            Err(i) => self.waiters.insert(i, (waitable, waiter.clone())),
        }
    }

    fn find(&self, waitable: u32) -> Result<usize, usize> {
        self.waiters.binary_search_by_key(&waitable, |(w, _)| *w)
    }

    /// Forgets `waitable` (the caller made it leave its set).
    fn forget(&mut self, waitable: u32) {
        if let Ok(i) = self.find(waitable) {
            self.waiters.remove(i);
        }
    }

    #[inline(never)]
    fn deliver(&mut self, waitable: u32, payload: u32) {
        if self.wakeup.answer(waitable) {
            return;
        }
        if let Ok(i) = self.find(waitable) {
            let waiter = &self.waiters[i].1;
            waiter.event.set(Some(payload));
            if let Some(waker) = waiter.waker.take() {
                waker.wake();
            }
        }
    }

    /// Polls every future once; returns true when none is left.
    fn poll_all(&mut self) -> bool {
        let waker = Waker::from(self.wakeup.clone());
        let mut cx = Context::from_waker(&waker);
        let mut i = 0;
        loop {
            let done = with_current(self, |futures| {
                futures
                    .get_mut(i)
                    .map(|future| future.as_mut().poll(&mut cx).is_ready())
            });
            match done {
                None => break,
                // `i < len` holds (the poll does not touch `futures`), but the compiler cannot
                // see it past the poll; checking spares `remove` its panic path.
                Some(true) if i < self.futures.len() => drop(self.futures.remove(i)),
                _ => i += 1,
            }
            if !self.spawned.is_empty() {
                // Moved out whole, so the spawn list holds no allocation between turns.
                let spawned = core::mem::take(&mut self.spawned);
                self.futures.extend(spawned);
            }
        }
        self.futures.is_empty()
    }

    /// Collects events that arrived while the task was yielding (the host delivers waitable
    /// events only to a task that waits, so a task that keeps yielding must ask). Returns true
    /// if the task was cancelled.
    fn drain_events(&mut self) -> bool {
        if self.set == 0 {
            return false;
        }
        loop {
            let mut payload = [0u32; 2];
            let event = unsafe { sys::waitable_set_poll(self.set as i32, payload.as_mut_ptr()) };
            match event {
                0 => return false,
                EVENT_TASK_CANCELLED => return true,
                _ => self.deliver(payload[0], payload[1]),
            }
        }
    }

    fn close(&mut self) {
        self.wakeup.close();
        for (waitable, waiter) in core::mem::take(&mut self.waiters) {
            // Waitables another task took over are that task's to let go.
            if waiter.set.get() == self.set {
                unsafe { sys::waitable_join(waitable as i32, 0) };
            }
        }
        if self.set != 0 {
            unsafe { sys::waitable_set_drop(self.set as i32) };
            self.set = 0;
        }
    }
}

/// The task whose futures are being polled right now.
struct CurrentTask(Cell<*mut Task>);

// SAFETY: a component instance runs on one thread; nothing here is shared across threads.
unsafe impl Sync for CurrentTask {}

static CURRENT: CurrentTask = CurrentTask(Cell::new(core::ptr::null_mut()));

/// Runs `poll` with `task` as the current task (so imports and `spawn` find it).
fn with_current<R>(task: &mut Task, poll: impl FnOnce(&mut Vec<BoxedFuture>) -> R) -> R {
    let previous = CURRENT.0.replace(task);
    let futures: *mut Vec<BoxedFuture> = &mut task.futures;
    // SAFETY: `futures` is not touched through `CURRENT` (only `spawned`, `waiters` and the set
    // are), so the two accesses do not overlap.
    let result = poll(unsafe { &mut *futures });
    CURRENT.0.set(previous);
    result
}

pub(crate) fn current_task_exists() -> bool {
    !CURRENT.0.get().is_null()
}

pub(crate) fn current() -> &'static mut Task {
    let task = CURRENT.0.get();
    assert!(
        !task.is_null(),
        "an async import or `spawn` was used outside an async export or `block_on`"
    );
    unsafe { &mut *task }
}

/// One turn of an async export's task: poll, then exit, yield or wait.
#[inline(never)]
fn turn(task: *mut Task) -> i32 {
    let t = unsafe { &mut *task };
    t.wakeup.woken.store(false, Ordering::Relaxed);
    if t.poll_all() {
        assert!(
            t.returned.get(),
            "an async export finished without returning a value"
        );
        return exit(task);
    }
    if t.wakeup.woken.load(Ordering::Relaxed) {
        return YIELD;
    }
    // Every future waits for an event or for a waker of another task (the doorbell).
    let set = t.set();
    t.wakeup.running.store(false, Ordering::Relaxed);
    WAIT | ((set as i32) << 4)
}

/// Starts an async export: runs `future` until it first waits and returns the callback code.
///
/// # Safety
/// Called once from an `[async-lift]` export; `cancel` must be that export's `[task-cancel]`.
pub unsafe fn start_task(future: impl Future<Output = ()> + 'static, cancel: unsafe fn()) -> i32 {
    unsafe { start_boxed(Box::pin(future), cancel) }
}

/// [`start_task`] past boxing the future: one copy for every export.
#[inline(never)]
unsafe fn start_boxed(future: BoxedFuture, cancel: unsafe fn()) -> i32 {
    let mut task = Box::new(Task::new(Some(cancel)));
    task.futures.push(future);
    let task = Box::into_raw(task);
    unsafe { sys::context_set_0(task as usize as i32) };
    turn(task)
}

/// The `[callback]` export of every async export: delivers one event and runs a turn.
///
/// # Safety
/// Called by the host with the event of the task stored in context slot 0.
pub unsafe fn task_callback(event: i32, p1: i32, p2: i32) -> i32 {
    let task = unsafe { sys::context_get_0() } as usize as *mut Task;
    let t = unsafe { &mut *task };
    t.wakeup.running.store(true, Ordering::Relaxed);
    let cancelled = match event {
        EVENT_TASK_CANCELLED => true,
        // After a YIELD the host calls back with no event: look for waitable events ourselves.
        0 => t.drain_events(),
        _ => {
            t.deliver(p1 as u32, p2 as u32);
            false
        }
    };
    // Once the task returned, the caller has (or threw away) its value: a cancellation changes
    // nothing, and the background work goes on.
    if !cancelled || t.returned.get() {
        return turn(task);
    }
    // Dropping the futures drops the user's future and every subtask it awaited.
    with_current(t, |futures| futures.clear());
    t.spawned.clear();
    if !t.returned.get() {
        if let Some(cancel) = t.cancel {
            unsafe { cancel() };
        }
        t.returned.set(true);
    }
    exit(task)
}

/// Ends an async export's task: frees it and tells the host to exit.
#[inline(never)]
fn exit(task: *mut Task) -> i32 {
    unsafe { &mut *task }.close();
    unsafe { sys::context_set_0(0) };
    drop(unsafe { Box::from_raw(task) });
    EXIT
}

/// Records that the current task called `task.return` (generated code calls this).
pub fn task_returned() {
    current().returned.set(true);
}

/// Runs `future` on the current task, beside the export's own future. The task (and so the
/// export call) ends only when every spawned future has finished, even after `task.return`.
pub fn spawn(future: impl Future<Output = ()> + 'static) {
    spawn_boxed(Box::pin(future));
}

#[inline(never)]
fn spawn_boxed(future: BoxedFuture) {
    current().spawned.push(future);
}

/// Drives `future` to completion from synchronous code (a sync export calling async imports),
/// blocking the component instance while it waits. The future may borrow from the caller (an
/// import taking `&str` or a borrowing record): it is finished and dropped before this returns.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let out: Rc<Cell<Option<F::Output>>> = Rc::new(Cell::new(None));
    let slot = out.clone();
    let future: Pin<Box<dyn Future<Output = ()> + '_>> = Box::pin(async move {
        slot.set(Some(future.await));
    });
    // SAFETY: only the lifetime changes. The future lives in `task`, which this function ends
    // (dropping the future, finished or not, also when unwinding) before it returns, so nothing
    // the future borrows is used after the borrow ends.
    let future: BoxedFuture = unsafe { core::mem::transmute(future) };
    let mut task = Task::new(None);
    task.futures.push(future);
    task.returned.set(true);
    let wakeup = task.wakeup.clone();
    loop {
        wakeup.woken.store(false, Ordering::Relaxed);
        if task.poll_all() {
            break;
        }
        // Events that already arrived are taken without blocking: a synchronous export may not
        // block before it returns, even on a set with an event ready.
        if !wakeup.woken.load(Ordering::Relaxed) {
            task.drain_events();
            if wakeup.woken.load(Ordering::Relaxed) {
                continue;
            }
        }
        if wakeup.woken.load(Ordering::Relaxed) || task.set == 0 {
            wakeup.running.store(false, Ordering::Relaxed);
            unsafe { sys::thread_yield() };
            wakeup.running.store(true, Ordering::Relaxed);
            task.drain_events();
            continue;
        }
        let mut payload = [0u32; 2];
        wakeup.running.store(false, Ordering::Relaxed);
        let event = unsafe { sys::waitable_set_wait(task.set as i32, payload.as_mut_ptr()) };
        wakeup.running.store(true, Ordering::Relaxed);
        if event != 0 {
            task.deliver(payload[0], payload[1]);
        }
    }
    task.close();
    out.take().expect("block_on future finished")
}

/// Asks the host not to start new calls into this instance until [`backpressure_dec`] is
/// called as many times (calls already running continue).
pub fn backpressure_inc() {
    unsafe { sys::backpressure_inc() }
}

/// Undoes one [`backpressure_inc`].
pub fn backpressure_dec() {
    unsafe { sys::backpressure_dec() }
}

/// Gives the host a chance to run other work without leaving the current call (the
/// `thread.yield` built-in, called synchronously): returns false when the caller cancelled the
/// task meanwhile (then stop and return, or let the cancellation arrive at the next await).
pub fn yield_blocking() -> bool {
    unsafe { sys::thread_yield() == 0 }
}

/// Gives the host a chance to run other work, then continues.
pub async fn yield_now() {
    let mut yielded = false;
    core::future::poll_fn(move |cx| {
        if yielded {
            Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    })
    .await
}

/// A waitable joined to the current task's set; leaves the set when dropped.
pub(crate) struct Watch {
    waitable: u32,
    /// Dropped by `Watch`'s out-of-line `drop`, so a drop site is one call.
    waiter: ManuallyDrop<Rc<Waiter>>,
}

// SAFETY: the `Rc` is shared only with the task's waiter list, on the one thread a component
// instance runs on; this lets the futures of imports, reads and writes be `Send`.
unsafe impl Send for Watch {}

impl Watch {
    pub(crate) fn new(waitable: u32) -> Watch {
        Watch {
            waitable,
            waiter: ManuallyDrop::new(current().watch(waitable)),
        }
    }

    /// The next event's payload. (`&mut`: a future holding `&Watch` would not be `Send`.)
    pub(crate) async fn next(&mut self) -> u32 {
        core::future::poll_fn(move |cx| self.poll_next(cx)).await
    }

    /// Poll form of [`Watch::next`].
    pub(crate) fn poll_next(&self, cx: &mut Context<'_>) -> Poll<u32> {
        let task = CURRENT.0.get();
        if !task.is_null() {
            let task = unsafe { &mut *task };
            if task.set == 0 || task.set != self.waiter.set.get() {
                // Polled by another task than the one it waited in: its events go there now.
                task.adopt(self.waitable, &self.waiter);
            }
        }
        match self.waiter.event.take() {
            Some(payload) => Poll::Ready(payload),
            None => {
                self.waiter.waker.set(Some(cx.waker().clone()));
                Poll::Pending
            }
        }
    }

    /// An event that arrived but was not consumed yet.
    pub(crate) fn pending_event(&self) -> Option<u32> {
        self.waiter.event.take()
    }
}

impl Drop for Watch {
    #[inline(never)]
    fn drop(&mut self) {
        unsafe { sys::waitable_join(self.waitable as i32, 0) };
        self.waiter.set.set(0);
        let task = CURRENT.0.get();
        if !task.is_null() {
            unsafe { &mut *task }.forget(self.waitable);
        }
        // SAFETY: dropped once, here.
        unsafe { ManuallyDrop::drop(&mut self.waiter) };
    }
}

/// Waits for a subtask started by an `[async-lower]` import to return.
///
/// `code` is what the import returned: the subtask state in the low 4 bits and its handle above.
/// Dropping the future before the subtask returned cancels the subtask.
pub async fn await_subtask(code: i32) {
    await_subtask_with(code, None, None).await
}

/// [`await_subtask`] for a call whose arguments gave away handles (recorded in `lowered`, see
/// [`Cleanup::record_moves`]): when dropping the future withdraws the call before it started,
/// the callee never took them, so they go back to the values they came from (which then drop
/// them, as they were moved into the call).
pub async fn await_subtask_giving_back(code: i32, lowered: &mut Cleanup) {
    await_subtask_with(code, Some(lowered), None).await
}

/// [`await_subtask`] (with `lowered` as in [`await_subtask_giving_back`]) for a call whose
/// result holds handles or memory: when dropping the future finds that the call had returned
/// (its return arrived, or cancelling it found it returned), `drop_result` lifts the result
/// from the return area at address `ret` and drops it, so its handles and buffers are not
/// leaked.
///
/// # Safety
/// `ret` is the call's return area and stays valid until this future is dropped or done;
/// `drop_result` reads a result of the call's type from it.
pub async unsafe fn await_subtask_returning(
    code: i32,
    lowered: Option<&mut Cleanup>,
    ret: usize,
    drop_result: unsafe fn(*mut u8),
) {
    await_subtask_with(code, lowered, Some((ret, drop_result))).await
}

/// A call's return area (its address: the future stays `Send`) and the function that lifts and
/// drops a result there.
type ResultDrop = (usize, unsafe fn(*mut u8));

async fn await_subtask_with(code: i32, lowered: Option<&mut Cleanup>, result: Option<ResultDrop>) {
    let state = code as u32 & 0xf;
    let handle = code as u32 >> 4;
    if state == RETURNED {
        return;
    }
    debug_assert!(
        state == STARTING || state == STARTED,
        "unexpected subtask state {state}"
    );
    let mut guard = SubtaskGuard {
        watch: Some(Watch::new(handle)),
        handle,
        lowered,
        result,
    };
    loop {
        let watch = guard.watch.as_mut().expect("watching until returned");
        if watch.next().await >= RETURNED {
            break;
        }
    }
    drop(guard.watch.take());
    unsafe { sys::subtask_drop(handle as i32) };
    core::mem::forget(guard);
}

/// Cancels a subtask whose caller stopped waiting for it.
struct SubtaskGuard<'a> {
    watch: Option<Watch>,
    handle: u32,
    /// The call's lowering buffers, when its arguments gave away handles.
    lowered: Option<&'a mut Cleanup>,
    /// The return area and how to drop a result in it, for a result holding handles or memory
    /// (see [`await_subtask_returning`]); the caller's future owns the area and holds this
    /// guard in an await, so the area outlives it.
    result: Option<ResultDrop>,
}

impl Drop for SubtaskGuard<'_> {
    fn drop(&mut self) {
        let Some(watch) = self.watch.take() else {
            return;
        };
        // A return that already arrived is consumed instead of cancelled (cancelling a
        // resolved subtask traps).
        let arrived = watch.pending_event().is_some_and(|state| state >= RETURNED);
        drop(watch);
        let mut returned = arrived;
        if !arrived {
            let state = unsafe { sys::subtask_cancel(self.handle as i32) } as u32;
            debug_assert!(state >= RETURNED, "subtask cancel left state {state}");
            returned = state == RETURNED;
            if state == CANCELLED_BEFORE_STARTED {
                if let Some(lowered) = self.lowered.take() {
                    // SAFETY: the values the handles came from are the caller's arguments, not
                    // dropped before this await.
                    unsafe { lowered.restore_moves(0) };
                }
            }
        }
        unsafe { sys::subtask_drop(self.handle as i32) };
        if let (true, Some((ret, drop_result))) = (returned, self.result) {
            // SAFETY: see `result`; the callee wrote a result there before returning.
            unsafe { drop_result(ret as *mut u8) };
        }
    }
}

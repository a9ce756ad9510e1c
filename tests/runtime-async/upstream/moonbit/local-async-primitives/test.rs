// Local-async-primitives (test side): futures of one export task hand values and permits to
// each other, and are cancelled (dropped) while they wait. A semaphore, a mutex, a condition
// variable and a one-shot promise are built here on wakers; each check returns false (or
// panics) if a wake-up, an ordering or a cancellation went wrong. The runner calls the export
// several times: every call is a new task, which must start from a clean state.
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use bindings::exports::test::moonbit_local_async_primitives::operations::Guest;

/// One future waiting for a permit or a signal.
#[derive(Default)]
struct Waiter {
    granted: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Waiter {
    fn grant(&self) {
        self.granted.set(true);
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }
}

type Queue = Rc<RefCell<VecDeque<Rc<Waiter>>>>;

/// Waits until granted. Dropped before (cancelled), it leaves the queue; dropped after being
/// granted without seeing it, it passes the grant on.
struct Wait {
    waiter: Rc<Waiter>,
    queue: Queue,
    seen: bool,
}

impl Future for Wait {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.waiter.granted.get() {
            self.seen = true;
            return Poll::Ready(());
        }
        *self.waiter.waker.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Wait {
    fn drop(&mut self) {
        if !self.waiter.granted.get() {
            self.queue
                .borrow_mut()
                .retain(|w| !Rc::ptr_eq(w, &self.waiter));
        } else if !self.seen {
            if let Some(next) = self.queue.borrow_mut().pop_front() {
                next.grant();
            }
        }
    }
}

fn enqueue(queue: &Queue) -> Wait {
    let waiter = Rc::new(Waiter::default());
    queue.borrow_mut().push_back(waiter.clone());
    Wait {
        waiter,
        queue: queue.clone(),
        seen: false,
    }
}

/// A counting semaphore whose waiters are served in arrival order.
struct Semaphore {
    permits: Cell<u32>,
    queue: Queue,
}

impl Semaphore {
    fn new(permits: u32) -> Rc<Semaphore> {
        Rc::new(Semaphore {
            permits: Cell::new(permits),
            queue: Queue::default(),
        })
    }

    fn try_acquire(&self) -> bool {
        if self.permits.get() > 0 && self.queue.borrow().is_empty() {
            self.permits.set(self.permits.get() - 1);
            true
        } else {
            false
        }
    }

    async fn acquire(&self) {
        if !self.try_acquire() {
            enqueue(&self.queue).await;
        }
    }

    fn release(&self) {
        let next = self.queue.borrow_mut().pop_front();
        match next {
            Some(next) => next.grant(),
            None => self.permits.set(self.permits.get() + 1),
        }
    }
}

#[derive(Default)]
struct CondVar {
    queue: Queue,
}

impl CondVar {
    fn wait(&self) -> Wait {
        enqueue(&self.queue)
    }

    fn signal(&self) {
        let next = self.queue.borrow_mut().pop_front();
        if let Some(next) = next {
            next.grant();
        }
    }

    fn broadcast(&self) {
        let all: Vec<_> = self.queue.borrow_mut().drain(..).collect();
        for waiter in all {
            waiter.grant();
        }
    }
}

/// A value set once and awaited by others.
struct Promise<T> {
    value: RefCell<Option<T>>,
    waker: RefCell<Option<Waker>>,
}

impl<T: Clone> Promise<T> {
    fn new() -> Rc<Promise<T>> {
        Rc::new(Promise {
            value: RefCell::new(None),
            waker: RefCell::new(None),
        })
    }

    fn set(&self, value: T) {
        assert!(self.value.replace(Some(value)).is_none());
        if let Some(waker) = self.waker.borrow_mut().take() {
            waker.wake();
        }
    }

    async fn wait(&self) -> T {
        std::future::poll_fn(|cx| match &*self.value.borrow() {
            Some(v) => Poll::Ready(v.clone()),
            None => {
                *self.waker.borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await
    }
}

type Task<T> = Pin<Box<dyn Future<Output = T>>>;

/// Polls `f` once: starts it, or lets it go on.
async fn poll_once<T>(f: &mut Task<T>) -> Poll<T> {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx))).await
}

/// Starts `f` (its first poll); it must be waiting then.
async fn start<T>(f: impl Future<Output = T> + 'static) -> Task<T> {
    let mut task: Task<T> = Box::pin(f);
    assert!(poll_once(&mut task).await.is_pending());
    task
}

#[derive(Clone, Debug, PartialEq)]
struct LocalOnlyValue {
    marker: i32,
}

thread_local! {
    /// Waiters left over by a call: none may be, so the next call starts clean.
    static LEFTOVER: RefCell<Option<Queue>> = const { RefCell::new(None) };
}

struct Component;

impl Guest for Component {
    async fn exercise() -> bool {
        if let Some(queue) = LEFTOVER.with(|l| l.borrow_mut().take()) {
            if !queue.borrow().is_empty() {
                return false;
            }
        }

        // Semaphore: the only permit is taken, given back and taken again.
        let semaphore = Semaphore::new(1);
        if !semaphore.try_acquire() || semaphore.try_acquire() {
            return false;
        }
        semaphore.release();
        semaphore.acquire().await;

        // Mutex: a second locker waits until the first unlocks.
        let mutex = Semaphore::new(1);
        if !mutex.try_acquire() || mutex.try_acquire() {
            return false;
        }
        let m = mutex.clone();
        let locker = start(async move {
            m.acquire().await;
            m.release();
            true
        })
        .await;
        mutex.release();
        if !locker.await {
            return false;
        }

        // Condition variable: a waiter woken by a signal finishes.
        let condition = Rc::new(CondVar::default());
        let ready = Rc::new(Cell::new(false));
        let (c, r) = (condition.clone(), ready.clone());
        let waiter = start(async move {
            while !r.get() {
                c.wait().await;
            }
            true
        })
        .await;
        ready.set(true);
        condition.signal();
        if !waiter.await {
            return false;
        }

        // A condition wait cancelled before any signal leaves the queue; a later broadcast
        // wakes the other waiter.
        let condition = Rc::new(CondVar::default());
        let c = condition.clone();
        let cancelled = start(async move { c.wait().await }).await;
        drop(cancelled);
        if !condition.queue.borrow().is_empty() {
            return false;
        }
        let c = condition.clone();
        let survivor = start(async move {
            c.wait().await;
            true
        })
        .await;
        condition.broadcast();
        if !survivor.await {
            return false;
        }

        // Promises: set before the wait, a value only this component can hold.
        let ready = Promise::new();
        ready.set(41);
        let local = Promise::new();
        local.set(LocalOnlyValue { marker: 47 });
        if ready.wait().await != 41 || local.wait().await.marker != 47 {
            return false;
        }

        // A waiter woken by a later set.
        let pending = Promise::new();
        let p = pending.clone();
        let waiter = start(async move { p.wait().await }).await;
        pending.set(44);
        if waiter.await != 44 {
            return false;
        }

        // A waiter cancelled before the set: the set wakes nobody.
        let abandoned = Promise::new();
        let woken = Rc::new(Cell::new(false));
        let (p, w) = (abandoned.clone(), woken.clone());
        let waiter = start(async move {
            let v = p.wait().await;
            w.set(true);
            v
        })
        .await;
        drop(waiter);
        abandoned.set(45);
        witbind_rt::yield_now().await;
        if woken.get() {
            return false;
        }

        // The semaphore serves waiters in arrival order.
        let fifo = Semaphore::new(0);
        let phase = Rc::new(Cell::new(0));
        let (f, ph) = (fifo.clone(), phase.clone());
        let first = start(async move {
            f.acquire().await;
            let ok = ph.get() == 0;
            ph.set(1);
            f.release();
            ok
        })
        .await;
        let (f, ph) = (fifo.clone(), phase.clone());
        let second = start(async move {
            f.acquire().await;
            let ok = ph.get() == 1;
            ph.set(2);
            ok
        })
        .await;
        fifo.release();
        // Only the awaited future is polled: the first goes first.
        let a = first.await;
        let b = second.await;
        if !a || !b || phase.get() != 2 {
            return false;
        }

        // A cancelled acquire takes no permit: the next waiter gets it.
        let cancellable = Semaphore::new(0);
        let s = cancellable.clone();
        let cancelled = start(async move { s.acquire().await }).await;
        drop(cancelled);
        let s = cancellable.clone();
        let acquirer = start(async move {
            s.acquire().await;
            true
        })
        .await;
        cancellable.release();
        if !acquirer.await || cancellable.permits.get() != 0 {
            return false;
        }

        // A permit handed over to a waiter that is then dropped unpolled passes on to the next.
        let assigned = Semaphore::new(0);
        let s = assigned.clone();
        let dropped = start(async move { s.acquire().await }).await;
        let s = assigned.clone();
        let next = start(async move {
            s.acquire().await;
            true
        })
        .await;
        assigned.release();
        drop(dropped);
        let result = next.await && assigned.permits.get() == 0;
        LEFTOVER.with(|l| *l.borrow_mut() = Some(assigned.queue.clone()));
        result
    }
}

bindings::export!(Component with_types_in bindings);

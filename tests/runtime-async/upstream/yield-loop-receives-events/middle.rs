// Middle: spawns a call of the leaf's `f` (which yields, so it is pending) and meanwhile spins in
// a future that wakes itself on every poll until the spawned call has finished. The task never
// waits, only yields: the leaf's return must still reach the spawned call.
use std::cell::Cell;
use std::task::Poll;

thread_local! {
    static HIT: Cell<bool> = const { Cell::new(false) };
}

struct Component;

impl bindings::exports::test::common::i_runner::Guest for Component {
    async fn f() {
        HIT.set(false);
        witbind_rt::spawn(async {
            bindings::test::common::i_middle::f().await;
            HIT.set(true);
        });
        std::future::poll_fn(|cx| {
            if HIT.get() {
                Poll::Ready(())
            } else {
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
        .await;
    }
}

bindings::export!(Component with_types_in bindings);

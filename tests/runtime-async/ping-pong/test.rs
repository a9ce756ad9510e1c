// `ping` answers with a future it writes after returning; `pong` reads the caller's future.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::ping_pong::api::Guest;
use bindings::wit_future;
use witbind_rt::FutureReader;

thread_local! {
    static BUSY: Cell<u32> = const { Cell::new(0) };
    static PING_STATE: RefCell<String> = const { RefCell::new(String::new()) };
}

fn set_state(state: String) {
    PING_STATE.with(|s| *s.borrow_mut() = state);
}

/// Counts a background task as busy until dropped (when its future ends).
struct Busy;

impl Busy {
    fn start() -> Busy {
        BUSY.with(|b| b.set(b.get() + 1));
        Busy
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(b.get() - 1));
    }
}

struct Component;

impl Guest for Component {
    async fn ping(x: FutureReader<String>, suffix: String) -> FutureReader<String> {
        let (writer, reader) = wit_future::new(|| "unwritten".to_string());
        let busy = Busy::start();
        set_state("started".to_string());
        witbind_rt::spawn(async move {
            let _busy = busy;
            let text = x.read().await;
            set_state(format!("read {text}"));
            writer
                .write(text + &suffix)
                .await
                .expect("the caller reads the answer");
            set_state("wrote".to_string());
        });
        reader
    }

    async fn pong(x: FutureReader<String>) -> String {
        x.read().await.chars().rev().collect()
    }

    fn ping_state() -> String {
        PING_STATE.with(|s| s.borrow().clone())
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::ping_pong::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);

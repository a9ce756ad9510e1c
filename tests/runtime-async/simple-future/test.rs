// Reads, drops and writes payload-less futures and futures of the counted `token` resource.
mod alloc_probe;

use std::cell::Cell;

use bindings::exports::test::simple_future::api::{Guest, GuestToken, Token};
use bindings::wit_future;
use witbind_rt::FutureReader;

thread_local! {
    static BUSY: Cell<u32> = const { Cell::new(0) };
    static TOKENS: Cell<u32> = const { Cell::new(0) };
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

struct MyToken {
    id: u32,
}

impl GuestToken for MyToken {
    fn new(id: u32) -> Self {
        TOKENS.with(|t| t.set(t.get() + 1));
        MyToken { id }
    }

    fn id(&self) -> u32 {
        self.id
    }
}

impl Drop for MyToken {
    fn drop(&mut self) {
        TOKENS.with(|t| {
            assert!(t.get() > 0, "a token was dropped more often than created");
            t.set(t.get() - 1);
        });
    }
}

struct Component;

impl Guest for Component {
    type Token = MyToken;

    async fn read_unit(f: FutureReader<()>) {
        f.read().await;
    }

    async fn drop_unit(f: FutureReader<()>) {
        drop(f);
    }

    async fn ready_unit() -> FutureReader<()> {
        let (writer, reader) = wit_future::new(|| ());
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            witbind_rt::yield_now().await;
            writer.write(()).await.expect("the caller reads");
        });
        reader
    }

    async fn abandoned_unit() -> FutureReader<()> {
        let (writer, reader) = wit_future::new(|| ());
        drop(writer);
        reader
    }

    async fn write_unit_after(go: FutureReader<()>) -> (FutureReader<()>, FutureReader<bool>) {
        let (writer, reader) = wit_future::new(|| ());
        let (ok_writer, ok) = wit_future::new(|| true);
        let busy = Busy::start();
        witbind_rt::spawn(async move {
            let _busy = busy;
            go.read().await;
            let taken = writer.write(()).await;
            ok_writer
                .write(taken.is_ok())
                .await
                .expect("the caller reads `ok`");
        });
        (reader, ok)
    }

    async fn drop_token(f: FutureReader<Token>) {
        drop(f);
    }

    async fn read_token(f: FutureReader<Token>) -> u32 {
        f.read().await.get::<MyToken>().id
    }

    fn live_tokens() -> u32 {
        TOKENS.with(Cell::get)
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }

    fn busy() -> u32 {
        BUSY.with(Cell::get)
    }
}

impl bindings::exports::test::simple_future::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);

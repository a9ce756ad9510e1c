// Takes part of the caller's streams, and keeps the writer of a stream it returned so the caller
// can cancel reads of it; counts `token`s alive.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::stream_cancel::api::{Guest, GuestToken, Token};
use bindings::wit_stream;
use witbind_rt::{StreamReader, StreamWriter};

thread_local! {
    static TOKENS: Cell<u32> = const { Cell::new(0) };
    static HELD: RefCell<Option<StreamWriter<String>>> = const { RefCell::new(None) };
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

    async fn take_strings(mut s: StreamReader<String>, max: u32) -> Vec<String> {
        s.read(max as usize).await.unwrap_or_default()
    }

    async fn take_tokens(mut s: StreamReader<Token>, max: u32) -> Vec<u32> {
        let tokens = s.read(max as usize).await.unwrap_or_default();
        tokens.iter().map(|t| t.get::<MyToken>().id).collect()
    }

    async fn held_strings() -> StreamReader<String> {
        let (writer, reader) = wit_stream::new();
        assert!(HELD.with(|h| h.replace(Some(writer))).is_none());
        reader
    }

    async fn send_held(items: Vec<String>) -> u32 {
        let mut writer = HELD.with(|h| h.take()).expect("a held writer");
        let len = items.len();
        let rest = writer.write_all(items).await;
        HELD.with(|h| *h.borrow_mut() = Some(writer));
        (len - rest.len()) as u32
    }

    fn end_held() {
        drop(HELD.with(|h| h.take()).expect("a held writer"));
    }

    fn live_tokens() -> u32 {
        TOKENS.with(Cell::get)
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }
}

impl bindings::exports::test::stream_cancel::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);

// Keeps future ends of the caller's futures (or of its own) unread or unwritten, so the caller
// can cancel its side mid-copy; counts `token`s alive and dropped.
mod alloc_probe;

use std::cell::{Cell, RefCell};

use bindings::exports::test::future_cancel::api::{Guest, GuestToken, Token};
use bindings::wit_future;
use witbind_rt::{FutureReader, FutureWriter};

thread_local! {
    static TOKENS: Cell<u32> = const { Cell::new(0) };
    static DROPPED: Cell<u32> = const { Cell::new(0) };
    static HELD_U32: RefCell<Option<FutureWriter<u32>>> = const { RefCell::new(None) };
    static HELD_TOKEN: RefCell<Option<FutureWriter<Token>>> = const { RefCell::new(None) };
    static KEPT_TOKEN: RefCell<Option<FutureReader<Token>>> = const { RefCell::new(None) };
    static KEPT_NESTED: RefCell<Option<FutureReader<FutureReader<u32>>>> =
        const { RefCell::new(None) };
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
        DROPPED.with(|d| d.set(d.get() + 1));
    }
}

struct Component;

impl Guest for Component {
    type Token = MyToken;

    async fn held_u32() -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| 0);
        assert!(HELD_U32.with(|h| h.replace(Some(writer))).is_none());
        reader
    }

    async fn write_held_u32(v: u32) -> bool {
        let writer = HELD_U32.with(|h| h.take()).expect("a held writer");
        writer.write(v).await.is_ok()
    }

    async fn held_token() -> FutureReader<Token> {
        let (writer, reader) = wit_future::new(|| Token::new(MyToken::new(0)));
        assert!(HELD_TOKEN.with(|h| h.replace(Some(writer))).is_none());
        reader
    }

    async fn write_held_token(id: u32) -> bool {
        let writer = HELD_TOKEN.with(|h| h.take()).expect("a held writer");
        writer.write(Token::new(MyToken::new(id))).await.is_ok()
    }

    async fn keep_token_reader(f: FutureReader<Token>) {
        assert!(KEPT_TOKEN.with(|k| k.replace(Some(f))).is_none());
    }

    async fn read_kept_token() -> u32 {
        let reader = KEPT_TOKEN.with(|k| k.take()).expect("a kept reader");
        reader.read().await.get::<MyToken>().id
    }

    async fn keep_nested_reader(f: FutureReader<FutureReader<u32>>) {
        assert!(KEPT_NESTED.with(|k| k.replace(Some(f))).is_none());
    }

    async fn read_kept_nested() -> u32 {
        let reader = KEPT_NESTED.with(|k| k.take()).expect("a kept reader");
        reader.read().await.read().await
    }

    fn live_tokens() -> u32 {
        TOKENS.with(Cell::get)
    }

    fn dropped_tokens() -> u32 {
        DROPPED.with(Cell::get)
    }

    async fn tick() {
        witbind_rt::yield_now().await;
    }
}

impl bindings::exports::test::future_cancel::probe::Guest for Component {
    fn live_allocations() -> i64 {
        alloc_probe::live()
    }
}

bindings::export!(Component with_types_in bindings);

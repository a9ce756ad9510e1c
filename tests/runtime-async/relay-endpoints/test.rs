// The middle: calls the leaf's functions (the import) with what it is given and adds one to
// what comes back, through futures and streams of its own (the export's); implements tokens of
// its own, handing the leaf tokens of the leaf's.
use std::cell::Cell;

use bindings::exports::test::relay_endpoints::pipe::{Guest, GuestToken, Token};
use bindings::test::relay_endpoints::pipe as leaf;
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct MiddleToken {
    id: u32,
}

impl GuestToken for MiddleToken {
    fn new(id: u32) -> MiddleToken {
        LIVE.with(|l| l.set(l.get() + 1));
        MiddleToken { id }
    }

    fn id(&self) -> u32 {
        self.id
    }
}

impl Drop for MiddleToken {
    fn drop(&mut self) {
        LIVE.with(|l| l.set(l.get() - 1));
    }
}

struct Middle;

impl Guest for Middle {
    type Token = MiddleToken;

    async fn bump(value: FutureReader<u32>) -> FutureReader<u32> {
        let from_leaf = leaf::bump(value).await;
        let (writer, reader) = wit_future::new(|| unreachable!("written"));
        witbind_rt::spawn(async move {
            let v = from_leaf.read().await;
            writer.write(v + 1).await.expect("the caller reads it");
        });
        reader
    }

    async fn inc(input: StreamReader<u8>) -> StreamReader<u8> {
        let mut from_leaf = leaf::inc(input).await;
        let (mut writer, reader) = wit_stream::new::<u8>();
        witbind_rt::spawn(async move {
            while let Some(bytes) = from_leaf.read(64).await {
                let plus: Vec<u8> = bytes.iter().map(|b| b.wrapping_add(1)).collect();
                if !writer.write_all(plus).await.is_empty() {
                    break;
                }
            }
        });
        reader
    }

    async fn pass(t: FutureReader<Token>) -> FutureReader<Token> {
        let (writer, reader) = wit_future::new(|| unreachable!("written"));
        witbind_rt::spawn(async move {
            let given = t.read().await;
            let id = given.get::<MiddleToken>().id;
            drop(given);
            let (to_leaf, for_leaf) = wit_future::new(|| unreachable!("written"));
            let from_leaf = leaf::pass(for_leaf).await;
            let token = leaf::Token::new(id);
            assert!(to_leaf.write(token).await.is_ok(), "the leaf reads it");
            let theirs = from_leaf.read().await;
            let next = theirs.id() + 1;
            drop(theirs);
            let mine = Token::new(MiddleToken::new(next));
            assert!(writer.write(mine).await.is_ok(), "the caller reads it");
        });
        reader
    }

    fn live_tokens() -> u32 {
        LIVE.with(Cell::get) + leaf::live_tokens()
    }
}

bindings::export!(Middle with_types_in bindings);

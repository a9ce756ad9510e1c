// The leaf: adds one to what each function carries, in tasks that go on after it returned;
// counts its tokens.
use std::cell::Cell;

use bindings::exports::test::relay_endpoints::pipe::{Guest, GuestToken, Token};
use bindings::{wit_future, wit_stream};
use witbind_rt::{FutureReader, StreamReader};

thread_local! {
    static LIVE: Cell<u32> = const { Cell::new(0) };
}

struct LeafToken {
    id: u32,
}

impl GuestToken for LeafToken {
    fn new(id: u32) -> LeafToken {
        LIVE.with(|l| l.set(l.get() + 1));
        LeafToken { id }
    }

    fn id(&self) -> u32 {
        self.id
    }
}

impl Drop for LeafToken {
    fn drop(&mut self) {
        LIVE.with(|l| l.set(l.get() - 1));
    }
}

struct Leaf;

impl Guest for Leaf {
    type Token = LeafToken;

    async fn bump(value: FutureReader<u32>) -> FutureReader<u32> {
        let (writer, reader) = wit_future::new(|| unreachable!("written"));
        witbind_rt::spawn(async move {
            let v = value.read().await;
            writer.write(v + 1).await.expect("the caller reads it");
        });
        reader
    }

    async fn inc(mut input: StreamReader<u8>) -> StreamReader<u8> {
        let (mut writer, reader) = wit_stream::new::<u8>();
        witbind_rt::spawn(async move {
            while let Some(bytes) = input.read(64).await {
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
            let id = given.get::<LeafToken>().id;
            drop(given);
            let next = Token::new(LeafToken::new(id + 1));
            assert!(writer.write(next).await.is_ok(), "the caller reads it");
        });
        reader
    }

    fn live_tokens() -> u32 {
        LIVE.with(Cell::get)
    }
}

bindings::export!(Leaf with_types_in bindings);

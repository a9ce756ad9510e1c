// Drives the middle: each function's result has been through the leaf and the middle (two
// added); every token made ends.
mod join;

use bindings::test::relay_endpoints::pipe::{self, Token};
use bindings::{wit_future, wit_stream};

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let (writer, reader) = wit_future::new(|| unreachable!("written"));
        let bumped = pipe::bump(reader).await;
        writer.write(40).await.expect("the leaf reads it");
        assert_eq!(bumped.read().await, 42);

        let (mut writer, reader) = wit_stream::new::<u8>();
        let mut incremented = pipe::inc(reader).await;
        let write = async move {
            assert!(writer.write_all(vec![0, 1, 200, 254, 255]).await.is_empty());
        };
        let read = async move {
            let mut got = Vec::new();
            while let Some(bytes) = incremented.read(64).await {
                got.extend(bytes);
            }
            got
        };
        let ((), got) = join::join2(write, read).await;
        assert_eq!(got, [2, 3, 202, 0, 1]);

        let (writer, reader) = wit_future::new(|| unreachable!("written"));
        let passed = pipe::pass(reader).await;
        assert!(writer.write(Token::new(10)).await.is_ok(), "the middle reads it");
        let token = passed.read().await;
        assert_eq!(token.id(), 12);
        drop(token);
        for _ in 0..10 {
            if pipe::live_tokens() == 0 {
                break;
            }
            witbind_rt::yield_now().await;
        }
        assert_eq!(pipe::live_tokens(), 0, "every token made ends");
    }
}

bindings::export!(Runner with_types_in bindings);

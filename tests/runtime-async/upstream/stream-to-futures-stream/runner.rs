// Runner: writes 10, 20, 30 to a stream in one write (all three are taken), then drops the
// writer, while the callee reads the stream item by item as a `Stream` and checks it ends.
mod join;

use bindings::my::test::i::read_stream;
use bindings::wit_stream;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let (mut writer, reader) = wit_stream::new::<u8>();
        let ((), ()) = join::join2(
            async {
                let left = writer.write(vec![10, 20, 30]).await;
                assert!(left.is_empty(), "the reader did not take {left:?}");
                // The reader sees the end of the stream.
                drop(writer);
            },
            read_stream(reader),
        )
        .await;
    }
}

bindings::export!(Runner with_types_in bindings);

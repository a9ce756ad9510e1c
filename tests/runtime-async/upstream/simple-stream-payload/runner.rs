// Runner: writes a `stream<u8>` to a callee that reads it with reads of 1, 2, 1 and a large
// number of items and then drops it: [0], then [1, 2], then [3, 4] (taken in two reads), then
// [5] into the dropped reader, which takes nothing.
mod join;

use bindings::my::test::i::read_stream;
use bindings::wit_stream;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let (mut writer, reader) = wit_stream::new::<u8>();
        let writes = async {
            // `write` gives back the items the reader did not take.
            assert!(writer.write(vec![0]).await.is_empty(), "one item taken");
            assert!(writer.write(vec![1, 2]).await.is_empty(), "two items taken");
            assert!(
                writer.write(vec![3, 4]).await.is_empty(),
                "two items taken by two reads"
            );
            assert_eq!(
                writer.write(vec![5]).await,
                [5],
                "the reader is gone: the item comes back"
            );
        };
        join::join2(writes, read_stream(reader)).await;
    }
}

bindings::export!(Runner with_types_in bindings);

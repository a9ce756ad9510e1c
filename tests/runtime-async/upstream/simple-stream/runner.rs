// Runner: writes a payload-less stream to a callee that reads 1 item, then 2, then drops the
// reader: each write hands over exactly its items until the reader is gone, then none.
mod join;

use bindings::my::test::i::read_stream;
use bindings::wit_stream;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        let (mut writer, reader) = wit_stream::new::<()>();
        let writes = async {
            // `write` gives back the items the reader did not take.
            let rest = writer.write(vec![()]).await;
            assert!(rest.is_empty(), "one item written, one taken");
            let rest = writer.write(vec![(); 2]).await;
            assert!(rest.is_empty(), "two items written, two taken");
            let rest = writer.write(vec![(); 2]).await;
            assert_eq!(rest.len(), 2, "the reader is gone: nothing taken");
            // And it stays gone.
            assert_eq!(writer.write_all(vec![(); 3]).await.len(), 3);
        };
        join::join2(writes, read_stream(reader)).await;
    }
}

bindings::export!(Runner with_types_in bindings);

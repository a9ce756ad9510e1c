// Callee: reads a payload-less stream once with room for 1 item and once with room for 2,
// checking it got exactly that many each time, then drops the reader.
use bindings::exports::my::test::i::Guest;
use witbind_rt::StreamReader;

struct Component;

impl Guest for Component {
    async fn read_stream(mut x: StreamReader<()>) {
        assert_eq!(x.read(1).await.map(|v| v.len()), Some(1));
        assert_eq!(x.read(2).await.map(|v| v.len()), Some(2));
        drop(x);
    }
}

bindings::export!(Component with_types_in bindings);

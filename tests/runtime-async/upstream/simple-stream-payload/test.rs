// Callee: reads a `stream<u8>` with reads of at most 1, 2, 1 and a large number of items,
// checking each got exactly the next items ([0], [1, 2], [3], [4]), then drops the reader.
use bindings::exports::my::test::i::Guest;
use witbind_rt::StreamReader;

struct Component;

impl Guest for Component {
    async fn read_stream(mut x: StreamReader<u8>) {
        assert_eq!(x.read(1).await, Some(vec![0]));
        assert_eq!(x.read(2).await, Some(vec![1, 2]));
        // Half of the write of [3, 4]...
        assert_eq!(x.read(1).await, Some(vec![3]));
        // ...and the rest, however much room the read has.
        assert_eq!(x.read(0x7fff_ffff).await, Some(vec![4]));
        drop(x);
    }
}

bindings::export!(Component with_types_in bindings);

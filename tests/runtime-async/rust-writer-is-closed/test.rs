// Keeps the writer of the stream `open` returns and answers `is_closed()` for it; reads and
// drops streams the runner writes; checks `is_closed()` on a stream it holds both ends of.
use std::cell::RefCell;

use bindings::exports::test::writer_is_closed::api::Guest;
use bindings::wit_stream;
use witbind_rt::{StreamReader, StreamWriter};

thread_local! {
    static WRITER: RefCell<Option<StreamWriter<u8>>> = const { RefCell::new(None) };
}

/// Takes the kept writer out (so no `RefCell` borrow lives across an await).
fn take_writer() -> StreamWriter<u8> {
    WRITER
        .with(|w| w.borrow_mut().take())
        .expect("`open` was called")
}

fn keep_writer(writer: StreamWriter<u8>) {
    WRITER.with(|w| *w.borrow_mut() = Some(writer));
}

struct Component;

impl Guest for Component {
    fn open() -> StreamReader<u8> {
        let (writer, reader) = wit_stream::new();
        keep_writer(writer);
        reader
    }

    async fn writer_closed() -> bool {
        let mut writer = take_writer();
        let closed = writer.is_closed();
        keep_writer(writer);
        closed
    }

    async fn write(items: Vec<u8>) -> u32 {
        let mut writer = take_writer();
        let len = items.len();
        let rest = writer.write(items).await;
        keep_writer(writer);
        (len - rest.len()) as u32
    }

    async fn drain(s: StreamReader<u8>) -> Vec<u8> {
        s.collect().await
    }

    fn discard(s: StreamReader<u8>) {
        drop(s);
    }

    async fn local_ends() -> (bool, bool) {
        let (mut writer, reader) = wit_stream::new::<u8>();
        let before = writer.is_closed();
        drop(reader);
        let after = writer.is_closed();
        // Known now: asking again writes nothing (the host traps on a write after DROPPED).
        assert!(writer.is_closed());
        assert_eq!(writer.write(vec![1, 2]).await, vec![1, 2]);
        (before, after)
    }
}

bindings::export!(Component with_types_in bindings);

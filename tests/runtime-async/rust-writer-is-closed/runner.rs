// Asks `is_closed()` of writers whose reader is in the other component: idle, waiting in a
// read, reading to the end, and dropped. A probe that finds the reader there moves nothing: the
// writes after it deliver exactly their items, and a waiting read stays pending until one does.
mod join;

use bindings::test::writer_is_closed::api;
use bindings::wit_stream;
use join::join2;

struct Runner;

impl bindings::Guest for Runner {
    async fn run() {
        writer_in_the_test_component().await;
        writer_in_the_runner().await;
        assert_eq!(api::local_ends().await, (false, true));
    }
}

/// The test component writes; the runner holds the reader.
async fn writer_in_the_test_component() {
    let mut reader = api::open();
    // The reader idle (no read started): the probe waits, and is withdrawn.
    assert!(!api::writer_closed().await, "reader idle");
    assert!(!api::writer_closed().await, "reader idle, asked again");
    let (taken, got) = join2(api::write(&[1, 2, 3]), reader.read(8)).await;
    assert_eq!((taken, got), (3, Some(vec![1, 2, 3])));

    // A read waiting (started first by `join2`): the probe completes and the read stays
    // pending, to take the next write.
    let (got, (closed, taken)) = join2(reader.read(8), async {
        let closed = api::writer_closed().await;
        (closed, api::write(&[4, 5]).await)
    })
    .await;
    assert!(!closed, "reader waiting in a read");
    assert_eq!((got, taken), (Some(vec![4, 5]), 2));

    drop(reader);
    assert!(api::writer_closed().await, "reader dropped");
    assert!(api::writer_closed().await, "reader dropped, asked again");
    assert_eq!(api::write(&[6]).await, 0);
}

/// The runner writes; the test component reads, or drops the reader.
async fn writer_in_the_runner() {
    let (mut writer, reader) = wit_stream::new::<u8>();
    assert!(!writer.is_closed(), "reader not handed over yet");
    let (got, ()) = join2(api::drain(reader), async {
        assert!(!writer.is_closed(), "reader being read");
        assert!(writer.write_all(vec![7, 8, 9]).await.is_empty());
        assert!(!writer.is_closed(), "reader read some");
        drop(writer);
    })
    .await;
    assert_eq!(got, vec![7, 8, 9]);

    let (mut writer, reader) = wit_stream::new::<u8>();
    api::discard(reader);
    assert!(writer.is_closed(), "reader dropped");
    assert!(writer.is_closed(), "reader dropped, asked again");
    assert_eq!(writer.write(vec![10]).await, vec![10]);
}

bindings::export!(Runner with_types_in bindings);
